// Our typed reading of one 271 transaction (005010X279A1): the payer (loop 2000A), the office (2000B),
// each subscriber (2000C) and dependent (2000D), and under each the benefits (2110C/D), one per EB with
// the HSD, REF, DTP, AAA and MSG that follow it, its III (2115) and its LS/LE-wrapped entities (2120).
// Segments attach to the loop they belong to whatever order the sender wrote them in within that loop;
// what opens a loop (HL, the NM1 after it, EB, III, LS/NM1 inside LS) is fixed by the guide. Nothing is
// dropped: every segment's text stays with the member or benefit it belongs to.
import { element, excerpt, segmentText, X12Error, type Delimiters, type Segment } from './x12Types';
import type { Transaction } from './readEnvelope';

export interface Rejection {
  /** AAA01: Y = the request was valid, N = not. */
  valid: boolean;
  /** AAA03 reject reason code. */
  reason: string;
  /** AAA04 follow-up action code. */
  followUp: string;
}

export interface QualifiedDate {
  /** DTP01: 346 plan begin, 356 eligibility begin, 304 latest visit… */
  qualifier: string;
  /** YYYY-MM-DD; for a range (RD8) the first day. */
  from: string;
  /** The last day of a range; equal to `from` for a single date. */
  to: string;
}

export interface Reference {
  qualifier: string;
  id: string;
  description: string;
}

export interface Contact {
  /** PER03/05/07: TE phone, UR web address, FX fax, EM email, EX extension. */
  qualifier: string;
  value: string;
}

/** A benefit-related entity (loop 2120): another payer, a vendor, who to contact. */
export interface Entity {
  /** NM101: PRP primary payer, SEP secondary payer, PR payer, X3 utilization management, VN vendor… */
  role: string;
  name: string;
  idQualifier: string;
  id: string;
  contacts: Contact[];
}

export interface Frequency {
  /** HSD01 quantity qualifier, HSD02 quantity: VS 1 = one visit. */
  quantityQualifier: string;
  quantity: string;
  /** HSD03 unit (DA, MO, WK, YR…), HSD04 sample selection modulus. */
  unit: string;
  modulus: string;
  /** HSD05 time period qualifier (as EB06), HSD06 number of periods: 34 and 60 = per 60 months. */
  period: string;
  periods: string;
}

export interface Procedure {
  /** EB13-1: AD CDT, CJ CPT, HC HCPCS… */
  qualifier: string;
  code: string;
  modifiers: string[];
  /** EB13-8: the last code of a range, '' when one code. */
  rangeEnd: string;
}

export interface Benefit {
  /** The EB's position in the file. */
  position: number;
  /** EB01 eligibility or benefit information code (1 active, A co-insurance, C deductible, F limitation…). */
  info: string;
  /** EB02 coverage level (IND, FAM…). */
  level: string;
  /** EB03, split on the repetition separator. */
  serviceTypes: string[];
  /** EB04 insurance type (PR PPO, HM HMO…), EB05 plan description. */
  insuranceType: string;
  planDescription: string;
  /** EB06 time period qualifier. */
  period: string;
  /** EB07 amount and EB08 percent, as the decimal text sent (never parsed through a binary float). */
  amount: string;
  percent: string;
  /** EB09 / EB10. */
  quantityQualifier: string;
  quantity: string;
  /** EB11 authorization indicator (Y/N/U), EB12 in-plan-network indicator (Y/N/U/W). */
  authorization: string;
  inNetwork: string;
  procedure: Procedure | null;
  frequencies: Frequency[];
  references: Reference[];
  dates: QualifiedDate[];
  rejections: Rejection[];
  /** MSG01 free text, verbatim, in the order sent. */
  messages: string[];
  /** III*ZZ place-of-service codes (loop 2115). */
  placesOfService: string[];
  entities: Entity[];
  /** Every segment of the benefit as written. */
  raw: string[];
}

export interface PersonName {
  last: string;
  first: string;
  middle: string;
  suffix: string;
}

export interface Member {
  level: 'subscriber' | 'dependent';
  /** HL01. */
  hl: string;
  /** TRN02: the trace numbers echoed from the 270. */
  traces: string[];
  name: PersonName;
  /** NM109 when NM108 is MI (member identification number). */
  memberId: string;
  references: Reference[];
  /** DMG02, YYYY-MM-DD. */
  birthDate: string;
  /** DMG03: F, M, U. */
  gender: string;
  /** INS02 relationship code (18 self, 01 spouse, 19 child…). */
  relationship: string;
  dates: QualifiedDate[];
  rejections: Rejection[];
  benefits: Benefit[];
  dependents: Member[];
  /** The member's own segments (2000/2100) as written. */
  raw: string[];
}

export interface Party {
  /** NM101. */
  role: string;
  name: string;
  idQualifier: string;
  id: string;
  rejections: Rejection[];
}

export interface EligibilityResponse {
  controlNumber: string;
  /** BHT02: 11 response, 06 confirmation. */
  purpose: string;
  /** BHT03. */
  reference: string;
  /** BHT04: the day the payer made the response, YYYY-MM-DD. */
  createdOn: string;
  /** Loop 2000A: normally one payer. */
  source: Party;
  receiver: Party | null;
  subscribers: Member[];
}

const LEVELS: Record<string, 'source' | 'receiver' | 'subscriber' | 'dependent'> = {
  '20': 'source',
  '21': 'receiver',
  '22': 'subscriber',
  '23': 'dependent',
};
const PARENT_LEVEL: Record<string, string | null> = { '20': null, '21': '20', '22': '21', '23': '22' };

function structure(segment: Segment, message: string): X12Error {
  return new X12Error(
    'structure',
    `Segment ${segment.position} (${segment.id}): ${message} The file does not follow the 271 guide; nothing was imported. Get the file again, or ask the clearinghouse.`,
    segment.position,
  );
}

/** CCYYMMDD -> YYYY-MM-DD, or null when it is not a real date. */
export function x12Date(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900)
    return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function readDate(s: Segment): QualifiedDate {
  const format = element(s, 2);
  const value = element(s, 3);
  if (format === 'D8') {
    const day = x12Date(value);
    if (day) return { qualifier: element(s, 1), from: day, to: day };
  } else if (format === 'RD8') {
    const [a, b] = value.split('-');
    const from = x12Date(a ?? '');
    const to = x12Date(b ?? '');
    if (from && to && from <= to) return { qualifier: element(s, 1), from, to };
  }
  throw structure(s, `the date "${excerpt(value)}" (format ${excerpt(format)}) is not a real date.`);
}

function readRejection(s: Segment): Rejection {
  return { valid: element(s, 1) !== 'N', reason: element(s, 3), followUp: element(s, 4) };
}

function readReference(s: Segment): Reference {
  return { qualifier: element(s, 1), id: element(s, 2).trim(), description: element(s, 3).trim() };
}

export function read271(tx: Transaction, d: Delimiters): EligibilityResponse {
  const segs = tx.segments;
  const bht = segs[1];
  if (!bht || bht.id !== 'BHT') throw structure(segs[0]!, 'BHT must follow ST.');
  const createdOn = x12Date(element(bht, 4));
  if (!createdOn) throw structure(bht, `the response date "${excerpt(element(bht, 4))}" is not a real date.`);

  const text = (s: Segment) => segmentText(s, d);
  const levelOf = new Map<string, string>();
  let source: Party | null = null;
  let receiver: Party | null = null;
  const subscribers: Member[] = [];
  const membersByHl = new Map<string, Member>();

  // Where the segments being read belong.
  let level: 'source' | 'receiver' | 'subscriber' | 'dependent' | null = null;
  let party: Party | null = null;
  let member: Member | null = null;
  let named = false;
  let benefit: Benefit | null = null;
  let inEntities = false;
  let entity: Entity | null = null;

  const newMember = (lvl: 'subscriber' | 'dependent', hl: string): Member => ({
    level: lvl,
    hl,
    traces: [],
    name: { last: '', first: '', middle: '', suffix: '' },
    memberId: '',
    references: [],
    birthDate: '',
    gender: '',
    relationship: '',
    dates: [],
    rejections: [],
    benefits: [],
    dependents: [],
    raw: [],
  });

  for (const s of segs.slice(2, -1)) {
    if (inEntities) {
      if (s.id === 'LE') {
        if (element(s, 1) !== '2120') throw structure(s, 'LE must close loop 2120.');
        inEntities = false;
        entity = null;
        benefit!.raw.push(text(s));
        continue;
      }
      if (s.id === 'NM1') {
        entity = {
          role: element(s, 1),
          name: [element(s, 3), element(s, 4)].filter(Boolean).join(' ').trim(),
          idQualifier: element(s, 8),
          id: element(s, 9).trim(),
          contacts: [],
        };
        benefit!.entities.push(entity);
      } else if (s.id === 'PER') {
        if (!entity) throw structure(s, 'PER inside LS/LE must follow the entity’s NM1.');
        for (const n of [3, 5, 7])
          if (element(s, n) !== '')
            entity.contacts.push({ qualifier: element(s, n), value: element(s, n + 1) });
      } else if (!['N3', 'N4', 'PRV'].includes(s.id)) {
        throw structure(s, 'only NM1, N3, N4, PER and PRV belong between LS*2120 and LE*2120.');
      }
      benefit!.raw.push(text(s));
      continue;
    }

    if (s.id === 'HL') {
      const id = element(s, 1);
      const code = element(s, 3);
      const lvl = LEVELS[code];
      if (!lvl)
        throw structure(s, `the level code "${excerpt(code)}" is not one a 271 uses (20, 21, 22, 23).`);
      if (levelOf.has(id)) throw structure(s, `the HL number ${excerpt(id)} is used twice.`);
      const parentLevel = PARENT_LEVEL[code]!;
      const parent = element(s, 2);
      if (parentLevel === null ? parent !== '' : levelOf.get(parent) !== parentLevel)
        throw structure(s, `HL ${excerpt(id)} does not sit under the level the guide puts it under.`);
      levelOf.set(id, code);
      level = lvl;
      named = false;
      benefit = null;
      party = null;
      member = null;
      if (lvl === 'source' || lvl === 'receiver') {
        party = { role: '', name: '', idQualifier: '', id: '', rejections: [] };
        if (lvl === 'source') {
          if (source) throw structure(s, 'VerifyDesk reads one payer per response; this one names a second.');
          source = party;
        } else receiver = party;
      } else {
        member = newMember(lvl, id);
        membersByHl.set(id, member);
        if (lvl === 'subscriber') subscribers.push(member);
        else membersByHl.get(parent)!.dependents.push(member);
        member.raw.push(text(s));
      }
      continue;
    }
    if (level === null) throw structure(s, 'the first loop must start with HL.');

    if (s.id === 'EB') {
      if (!member || !named)
        throw structure(s, 'a benefit (EB) must follow a subscriber’s or dependent’s NM1.');
      const composite = element(s, 13);
      const parts = composite === '' ? [] : composite.split(d.component);
      benefit = {
        position: s.position,
        info: element(s, 1),
        level: element(s, 2),
        serviceTypes: element(s, 3) === '' ? [] : element(s, 3).split(d.repetition),
        insuranceType: element(s, 4),
        planDescription: element(s, 5).trim(),
        period: element(s, 6),
        amount: element(s, 7),
        percent: element(s, 8),
        quantityQualifier: element(s, 9),
        quantity: element(s, 10),
        authorization: element(s, 11),
        inNetwork: element(s, 12),
        procedure:
          parts.length === 0
            ? null
            : {
                qualifier: parts[0]!,
                code: (parts[1] ?? '').trim(),
                modifiers: parts.slice(2, 6).filter(Boolean),
                rangeEnd: (parts[7] ?? '').trim(),
              },
        frequencies: [],
        references: [],
        dates: [],
        rejections: [],
        messages: [],
        placesOfService: [],
        entities: [],
        raw: [text(s)],
      };
      if (element(s, 1) === '') throw structure(s, 'EB01 (what the benefit is) is empty.');
      member.benefits.push(benefit);
      continue;
    }

    if (benefit) {
      // Loop 2110 and what hangs under it.
      switch (s.id) {
        case 'HSD':
          benefit.frequencies.push({
            quantityQualifier: element(s, 1),
            quantity: element(s, 2),
            unit: element(s, 3),
            modulus: element(s, 4),
            period: element(s, 5),
            periods: element(s, 6),
          });
          break;
        case 'REF':
          benefit.references.push(readReference(s));
          break;
        case 'DTP':
          benefit.dates.push(readDate(s));
          break;
        case 'AAA':
          benefit.rejections.push(readRejection(s));
          break;
        case 'MSG':
          benefit.messages.push(element(s, 1));
          break;
        case 'III':
          if (element(s, 1) === 'ZZ' && element(s, 2) !== '') benefit.placesOfService.push(element(s, 2));
          break;
        case 'LS':
          if (element(s, 1) !== '2120') throw structure(s, 'LS must open loop 2120.');
          inEntities = true;
          break;
        default:
          throw structure(s, `${excerpt(s.id)} does not belong inside a benefit (after EB).`);
      }
      benefit.raw.push(text(s));
      continue;
    }

    if (party) {
      // Loops 2000A/B and 2100A/B: the payer's or the office's name, and any request error.
      if (s.id === 'NM1') {
        if (named) throw structure(s, 'a second NM1 in the same loop.');
        named = true;
        party.role = element(s, 1);
        party.name = [element(s, 3), element(s, 4)].filter(Boolean).join(' ').trim();
        party.idQualifier = element(s, 8);
        party.id = element(s, 9).trim();
      } else if (s.id === 'AAA') party.rejections.push(readRejection(s));
      else if (!['REF', 'N3', 'N4', 'PER', 'PRV'].includes(s.id))
        throw structure(s, `${excerpt(s.id)} does not belong in the payer’s or the office’s loop.`);
      continue;
    }

    // Loops 2000C/D and 2100C/D: who the member is.
    const m = member!;
    m.raw.push(text(s));
    switch (s.id) {
      case 'TRN':
        m.traces.push(element(s, 2).trim());
        break;
      case 'NM1':
        if (named) throw structure(s, 'a second NM1 for the same member, outside LS/LE.');
        named = true;
        m.name = {
          last: element(s, 3).trim(),
          first: element(s, 4).trim(),
          middle: element(s, 5).trim(),
          suffix: element(s, 7).trim(),
        };
        if (element(s, 8) === 'MI') m.memberId = element(s, 9).trim();
        break;
      case 'REF':
        m.references.push(readReference(s));
        break;
      case 'DMG': {
        if (element(s, 2) !== '') {
          const dob = element(s, 1) === 'D8' ? x12Date(element(s, 2)) : null;
          if (!dob) throw structure(s, `the birth date "${excerpt(element(s, 2))}" is not a real date.`);
          m.birthDate = dob;
        }
        m.gender = element(s, 3);
        break;
      }
      case 'INS':
        m.relationship = element(s, 2);
        break;
      case 'DTP':
        m.dates.push(readDate(s));
        break;
      case 'AAA':
        m.rejections.push(readRejection(s));
        break;
      case 'N3':
      case 'N4':
      case 'PRV':
      case 'HI':
      case 'MPI':
        break;
      default:
        throw structure(s, `${excerpt(s.id)} does not belong in a subscriber’s or dependent’s loop.`);
    }
  }
  if (inEntities) throw structure(segs.at(-1)!, 'LS*2120 was never closed by LE*2120.');
  if (!source) throw structure(segs[0]!, 'the response names no payer (loop 2000A).');
  return {
    controlNumber: tx.controlNumber,
    purpose: element(bht, 2),
    reference: element(bht, 3).trim(),
    createdOn,
    source,
    receiver,
    subscribers,
  };
}
