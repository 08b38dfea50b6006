// The envelope around X12 transactions: ISA … IEA (interchange), GS … GE (functional group), ST … SE
// (transaction set). Checked before anything inside is read: the right kind of file (a 5010 eligibility
// response, not a 270 request, not 4010), and every control number and count, because a count that does
// not add up means the file was cut, edited or damaged on the way, and nothing from it can be trusted.
import { element, excerpt, X12Error, type Segment } from './x12Types';

export const ELIGIBILITY_RESPONSE_VERSION = '005010X279A1';

export interface Transaction {
  /** ST02. */
  controlNumber: string;
  /** ST … SE inclusive. */
  segments: Segment[];
}

export interface Interchange {
  /** ISA06 / ISA08, trimmed (the sender's and receiver's ids at the clearinghouse). */
  sender: string;
  receiver: string;
  /** ISA13. */
  controlNumber: string;
  /** ISA15: production or test data. */
  usage: 'production' | 'test';
  transactions: Transaction[];
}

/** GS01 functional identifier codes a person might pick by mistake, in words. */
const OTHER_FILES: Record<string, string> = {
  HS: 'an eligibility request (270)',
  HC: 'a claim (837)',
  HP: 'a claim payment / remittance (835)',
  HN: 'a claim status response (277)',
  HR: 'a claim status request (276)',
  HI: 'a prior authorization (278)',
  BE: 'a benefit enrollment (834)',
  FA: 'an acknowledgment (999)',
};

const TRANSACTION_NAMES: Record<string, string> = {
  '270': 'an eligibility request (270)',
  '276': 'a claim status request (276)',
  '277': 'a claim status response (277)',
  '278': 'a prior authorization (278)',
  '835': 'a claim payment / remittance (835)',
  '837': 'a claim (837)',
  '999': 'an acknowledgment (999)',
};

const GET_AGAIN = 'Nothing was imported; get the file again from the clearinghouse.';

function notResponse(what: string, position: number): X12Error {
  return what.startsWith('an eligibility request')
    ? new X12Error(
        'request_270',
        'This is an eligibility request (270): what the office sent to the payer, not the payer’s answer. Import the 271 response file instead.',
        position,
      )
    : new X12Error(
        'not_271',
        `This is ${what}, not an eligibility response (271). Import the 271 file from the clearinghouse.`,
        position,
      );
}

function version4010(position: number): X12Error {
  return new X12Error(
    'version_4010',
    'This eligibility file is in the old 4010 format (004010X092), which payers stopped using in 2012. VerifyDesk reads the 5010 format (005010X279A1): ask the clearinghouse for the 5010 file.',
    position,
  );
}

function countError(what: string, said: string, found: number, position: number): X12Error {
  return new X12Error(
    'counts',
    `The file's control counts do not add up: ${what} says ${said}, but it holds ${found}. The file was cut, edited or damaged after the payer sent it. ${GET_AGAIN}`,
    position,
  );
}

function mismatch(what: string, a: string, b: string, position: number): X12Error {
  return new X12Error(
    'counts',
    `The file's control numbers do not match: ${what} ("${excerpt(a)}" and "${excerpt(b)}"). The file was pieced together or damaged. ${GET_AGAIN}`,
    position,
  );
}

function unexpected(segment: Segment, expected: string): X12Error {
  return new X12Error(
    'envelope',
    `Segment ${segment.position} is ${segment.id} where ${expected} belongs: the file's envelope is broken. ${GET_AGAIN}`,
    segment.position,
  );
}

function cutOff(closing: string, lastPosition: number): X12Error {
  return new X12Error(
    'truncated',
    `The file ends before its closing ${closing} segment: it was cut off. ${GET_AGAIN}`,
    lastPosition,
  );
}

const sameNumber = (a: string, b: string) => a.trim() === b.trim();
const asCount = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : NaN);

export function readEnvelope(segments: readonly Segment[]): Interchange[] {
  const interchanges: Interchange[] = [];
  let i = 0;
  const last = segments.at(-1)?.position ?? 0;
  const next = (closing: string): Segment => {
    const s = segments[i];
    if (!s) throw cutOff(closing, last);
    return s;
  };

  while (i < segments.length) {
    const isa = segments[i]!;
    if (isa.id !== 'ISA') throw unexpected(isa, 'ISA (the start of an interchange)');
    if (element(isa, 12) === '00401') throw version4010(isa.position);
    if (element(isa, 12) !== '00501')
      throw new X12Error(
        'envelope',
        `The file's X12 version is "${excerpt(element(isa, 12))}"; VerifyDesk reads 5010 eligibility files (version 00501).`,
        isa.position,
      );
    const interchange: Interchange = {
      sender: element(isa, 6).trim(),
      receiver: element(isa, 8).trim(),
      controlNumber: element(isa, 13),
      usage: element(isa, 15) === 'T' ? 'test' : 'production',
      transactions: [],
    };
    i++;
    let groups = 0;
    while (next('IEA').id === 'GS') {
      const gs = segments[i]!;
      const functional = element(gs, 1);
      if (functional !== 'HB')
        throw notResponse(OTHER_FILES[functional] ?? `a "${excerpt(functional)}" file`, gs.position);
      if (element(gs, 8).startsWith('004010')) throw version4010(gs.position);
      if (element(gs, 8) !== ELIGIBILITY_RESPONSE_VERSION)
        throw new X12Error(
          'not_271',
          `The file's group says it follows "${excerpt(element(gs, 8))}"; VerifyDesk reads eligibility responses that follow ${ELIGIBILITY_RESPONSE_VERSION}.`,
          gs.position,
        );
      i++;
      let sets = 0;
      while (next('GE').id === 'ST') {
        const st = segments[i]!;
        const kind = element(st, 1);
        if (kind !== '271')
          throw notResponse(TRANSACTION_NAMES[kind] ?? `a "${excerpt(kind)}" transaction`, st.position);
        if (element(st, 3) !== '' && element(st, 3) !== ELIGIBILITY_RESPONSE_VERSION) {
          if (element(st, 3).startsWith('004010')) throw version4010(st.position);
          throw new X12Error(
            'not_271',
            `Transaction ${excerpt(element(st, 2))} says it follows "${excerpt(element(st, 3))}", not ${ELIGIBILITY_RESPONSE_VERSION}.`,
            st.position,
          );
        }
        const start = i;
        i++;
        while (next('SE').id !== 'SE') {
          const s = segments[i]!;
          if (['ISA', 'IEA', 'GS', 'GE', 'ST'].includes(s.id))
            throw unexpected(s, `SE (the end of transaction ${excerpt(element(st, 2))})`);
          i++;
        }
        const se = segments[i]!;
        const inside = segments.slice(start, i + 1);
        if (asCount(element(se, 1)) !== inside.length)
          throw countError(
            `transaction ${excerpt(element(st, 2))} (SE01)`,
            `${excerpt(element(se, 1))} segments`,
            inside.length,
            se.position,
          );
        if (!sameNumber(element(st, 2), element(se, 2)))
          throw mismatch('ST02 and SE02 should be the same', element(st, 2), element(se, 2), se.position);
        interchange.transactions.push({ controlNumber: element(st, 2), segments: inside });
        sets++;
        i++;
      }
      const ge = next('GE');
      if (ge.id !== 'GE') throw unexpected(ge, 'GE (the end of the group)');
      if (asCount(element(ge, 1)) !== sets)
        throw countError('the group (GE01)', `${excerpt(element(ge, 1))} transactions`, sets, ge.position);
      if (!sameNumber(element(gs, 6), element(ge, 2)))
        throw mismatch('GS06 and GE02 should be the same', element(gs, 6), element(ge, 2), ge.position);
      groups++;
      i++;
    }
    const iea = next('IEA');
    if (iea.id !== 'IEA') throw unexpected(iea, 'IEA (the end of the interchange)');
    if (asCount(element(iea, 1)) !== groups)
      throw countError('the interchange (IEA01)', `${excerpt(element(iea, 1))} groups`, groups, iea.position);
    if (!sameNumber(interchange.controlNumber, element(iea, 2)))
      throw mismatch(
        'ISA13 and IEA02 should be the same',
        interchange.controlNumber,
        element(iea, 2),
        iea.position,
      );
    if (groups === 0)
      throw new X12Error(
        'envelope',
        `The interchange holds no eligibility responses. ${GET_AGAIN}`,
        iea.position,
      );
    interchanges.push(interchange);
    i++;
  }
  return interchanges;
}
