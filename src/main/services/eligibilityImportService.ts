// Importing eligibility files (X12 271). Preview: each file is read (or refused with its reason), each
// member in it is matched to a patient's coverage by member ID, birth date and name, and every line is
// shown with the statement it would make beside what is on file. Nothing is recorded until a person
// confirms members; then each confirmed member's statements enter the ledger with the file as source
// (payer, trace number, date received; stated on the file's date), and the file is kept, all in one
// transaction. The preview is worked out again on import from the same bytes, so what is recorded is
// exactly what was shown.
import { createHash } from 'node:crypto';
import { localDate } from '../../shared/dates/localDate';
import { formatDate } from '../../shared/dates/typedDate';
import {
  readMemberBenefits,
  valueWords,
  type FileStatement,
  type ReadingOptions,
} from '../../shared/eligibility/benefitFindings';
import { rejectionWords } from '../../shared/eligibility/serviceTypes';
import {
  MAX_ELIGIBILITY_FILE_BYTES,
  type EligibilityFileInput,
  type EligibilityImportResult,
  type EligibilityPreview,
  type FileReview,
  type MemberReview,
} from '../../shared/eligibility/eligibilityViews';
import { AppError } from '../../shared/ipc/result';
import { isUnknownValue, sameValue } from '../../shared/ledger/derive';
import { SERVICE_FIELD, type ServiceValue } from '../../shared/ledger/fields';
import type { Subject } from '../../shared/ledger/ledgerTypes';
import { sourceText } from '../../shared/ledger/sourceText';
import { FULL_BP, formatBp } from '../../shared/money/cents';
import { read271, type EligibilityResponse, type Member } from '../../shared/x12/read271';
import { readEnvelope } from '../../shared/x12/readEnvelope';
import { tokenizeX12 } from '../../shared/x12/tokenizeX12';
import { X12Error } from '../../shared/x12/x12Types';
import type { AppDb } from '../db/appDb';
import { listPayers } from '../db/repositories/payerRepo';
import {
  coveragesByMemberId,
  findImportedFile,
  insertImportedFile,
  type CoverageCandidate,
} from '../db/repositories/eligibilityRepo';
import type { Ledger } from '../ledger/ledger';
import {
  readCoverageKnowledge,
  readPlanKnowledge,
  readServiceHistory,
  type CoverageKnowledge,
  type PlanKnowledge,
} from '../ledger/knowledge';

export interface EligibilityImportDeps {
  db: AppDb;
  now: () => Date;
  actor: () => string;
  ledger: Ledger;
}

interface ReadFile {
  input: EligibilityFileInput;
  sha256: string;
  text: string;
  responses: EligibilityResponse[];
  testData: boolean;
}

/** A member's review, with what main needs to record it (never sent to the renderer). */
interface Worked {
  review: MemberReview;
  coverage: CoverageCandidate | null;
  statements: FileStatement[];
  responseDate: string;
  sourceDetail: string;
}

const normalizeId = (id: string) => id.toUpperCase().replace(/[\s-]/g, '');
/** Letters only, capitals, no accents: "Ramírez-Soto" and "RAMIREZ SOTO" read the same. */
const normalizeName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: a Latin-1 file is still text (the check for binary data follows in the reader).
    return new TextDecoder('latin1').decode(bytes);
  }
}

function titleName(m: Member): string {
  return [m.name.first, m.name.middle, m.name.last, m.name.suffix].filter(Boolean).join(' ');
}

/** What is on file, read once per plan, coverage and patient for a whole review (nothing changes during it). */
function onFileReader(ledger: Ledger) {
  const plans = new Map<number, Promise<PlanKnowledge>>();
  const coverages = new Map<number, Promise<CoverageKnowledge>>();
  const histories = new Map<number, ReturnType<typeof readServiceHistory>>();
  const once = <K, V>(map: Map<K, V>, key: K, read: () => V): V => {
    if (!map.has(key)) map.set(key, read());
    return map.get(key)!;
  };
  return {
    plan: (c: CoverageCandidate) =>
      once(plans, c.planId, () => readPlanKnowledge(ledger, c.planId, c.payerId)),
    coverage: (c: CoverageCandidate) =>
      once(coverages, c.coverageId, () => readCoverageKnowledge(ledger, c.coverageId)),
    history: (c: CoverageCandidate) =>
      once(histories, c.patientId, () => readServiceHistory(ledger, c.patientId)),
  };
}
type OnFile = ReturnType<typeof onFileReader>;

export function createEligibilityImportService({ db, now, actor, ledger }: EligibilityImportDeps) {
  const today = () => localDate(now());

  function readFile(input: EligibilityFileInput): ReadFile {
    const bytes = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
    if (bytes.length > MAX_ELIGIBILITY_FILE_BYTES)
      throw new X12Error(
        'too_large',
        `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; an eligibility file is at most 5 MB. Ask the clearinghouse for smaller batches.`,
      );
    const text = decode(bytes);
    const { delimiters, segments } = tokenizeX12(text);
    const interchanges = readEnvelope(segments);
    const responses = interchanges.flatMap((i) => i.transactions.map((t) => read271(t, delimiters)));
    const future = responses.find((r) => r.createdOn > today());
    if (future)
      throw new X12Error(
        'structure',
        `The file is dated ${formatDate(future.createdOn)}, after today (${formatDate(today())}): check this computer's date, or the file.`,
      );
    return {
      input,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      text,
      responses,
      testData: interchanges.some((i) => i.usage === 'test'),
    };
  }

  /** The coverage a member is, and what differs; or why none is. */
  async function match(member: Member, subscriber: Member | null, response: EligibilityResponse) {
    const memberId = member.memberId || subscriber?.memberId || '';
    const candidates = memberId === '' ? [] : await coveragesByMemberId(db, normalizeId(memberId));
    const last = normalizeName(member.name.last);
    const first = normalizeName(member.name.first);
    const scored = candidates.map((c) => {
      const sameLast = normalizeName(c.lastName) === last;
      const sameFirst = normalizeName(c.firstName) === first;
      const close =
        sameLast ||
        sameFirst ||
        (last !== '' &&
          (normalizeName(c.lastName).includes(last) || last.includes(normalizeName(c.lastName))));
      const dob = member.birthDate !== '' && member.birthDate === c.dob;
      const samePayer =
        (response.source.id !== '' &&
          c.electronicPayerId !== null &&
          normalizeId(c.electronicPayerId) === normalizeId(response.source.id)) ||
        normalizeName(c.payerName) === normalizeName(response.source.name);
      return { c, exact: sameLast && sameFirst, close, dob, samePayer };
    });
    const rank = (s: (typeof scored)[number]) =>
      (s.dob ? 8 : 0) + (s.exact ? 4 : s.close ? 2 : 0) + (s.samePayer ? 1 : 0);
    const best = scored
      .filter((s) => (s.dob && s.close) || (s.exact && !s.dob && member.birthDate !== ''))
      .sort((a, b) => rank(b) - rank(a))[0];
    return { memberId, candidates, best };
  }

  async function work(
    file: ReadFile,
    payers: Awaited<ReturnType<typeof listPayers>>,
    onFile: OnFile,
  ): Promise<Worked[]> {
    const worked: Worked[] = [];
    for (const response of file.responses) {
      const people: Array<{ member: Member; subscriber: Member | null }> = [];
      for (const s of response.subscribers) {
        // The subscriber is a patient of the inquiry when benefits or request errors come with them, or
        // when no dependent does.
        if (s.benefits.length > 0 || s.rejections.length > 0 || s.dependents.length === 0)
          people.push({ member: s, subscriber: null });
        for (const d of s.dependents) people.push({ member: d, subscriber: s });
      }
      for (const { member, subscriber } of people) {
        const { memberId, candidates, best } = await match(member, subscriber, response);
        const coverage = best?.c ?? null;
        const differences: string[] = [];
        const payer = coverage ? payers.find((p) => p.id === coverage.payerId) : undefined;
        const planKind: ReadingOptions['planKind'] = coverage?.planType === 'medical' ? 'medical' : 'dental';
        const knowledge = coverage ? await onFile.plan(coverage) : null;
        const chosen = file.input.coinsurance;
        const inverted =
          chosen === 'plan_share' ||
          (chosen === 'payer_setting' && payer?.sendsInvertedCoinsurance === 'yes');
        const reading = readMemberBenefits(member, subscriber, {
          fileDate: response.createdOn,
          coinsurance: inverted ? 'plan_share' : 'patient_share',
          planKind,
          network: knowledge?.benefit('networkStatus').value === 'out_of_network' ? 'out' : 'in',
        });

        if (coverage && best) {
          const fileName = titleName(member);
          if (!best.exact)
            differences.push(
              `Name: the file says ${fileName}; on file ${coverage.firstName} ${coverage.lastName}.`,
            );
          if (!best.dob)
            differences.push(
              `Birth date: the file says ${member.birthDate ? formatDate(member.birthDate) : 'none'}; on file ${formatDate(coverage.dob)}.`,
            );
          if (!best.samePayer)
            differences.push(
              `Payer: the file is from ${response.source.name}; this coverage is with ${coverage.payerName}.`,
            );
          if (
            reading.groupNumber &&
            coverage.groupNumber &&
            normalizeId(reading.groupNumber) !== normalizeId(coverage.groupNumber)
          )
            differences.push(
              `Group number: the file says ${reading.groupNumber}; the plan on file has ${coverage.groupNumber}.`,
            );
          if (reading.status === 'inactive')
            differences.push(
              `Terminated: the payer says the coverage is not active${reading.terminationDate ? ` (it ended ${formatDate(reading.terminationDate)})` : ''}.`,
            );
          else if (reading.terminationDate && reading.terminationDate < today())
            differences.push(`Terminated: the coverage ended ${formatDate(reading.terminationDate)}.`);
        } else if (candidates.length > 0)
          differences.push(
            `Member ID ${memberId} is on file, but for ${candidates.map((c) => `${c.firstName} ${c.lastName} (born ${formatDate(c.dob)})`).join(', ')}: the name and birth date do not match, so nothing is matched.`,
          );
        else if (memberId !== '') differences.push(`No patient on file has member ID ${memberId}.`);
        else differences.push('The file gives no member ID for this person.');

        const rejections = [...reading.rejections];
        const hasBenefits = member.benefits.length > 0;
        const matchKind: MemberReview['match'] =
          rejections.length > 0
            ? 'rejected'
            : !coverage
              ? 'not_found'
              : !hasBenefits
                ? 'no_benefits'
                : differences.length > 0
                  ? 'differs'
                  : 'matched';

        // Each statement beside what is on file (and the coverage by category merged with it).
        const statements: FileStatement[] = [];
        const findings = [];
        for (const f of reading.findings) {
          const notes = [...f.notes];
          const shown = [];
          for (const s of f.statements) {
            const c = coverage
              ? await compare(s, coverage, onFile)
              : { statement: s, onFile: null, differs: false, notes: [] };
            statements.push(c.statement);
            notes.push(...c.notes);
            shown.push({ words: c.statement.words, about: s.target, onFile: c.onFile, differs: c.differs });
          }
          findings.push({ topic: f.topic, words: f.words, statements: shown, notes, raw: f.raw });
        }
        const trace = member.traces[0] ?? subscriber?.traces[0] ?? response.reference;
        worked.push({
          review: {
            key: `${file.sha256.slice(0, 16)}:${response.controlNumber}:${member.hl}`,
            name: titleName(member),
            memberId,
            birthDate: member.birthDate || null,
            level: member.level,
            match: matchKind,
            patient: coverage
              ? {
                  id: coverage.patientId,
                  name: `${coverage.firstName} ${coverage.lastName}`,
                  dob: coverage.dob,
                }
              : null,
            coverage: coverage
              ? {
                  id: coverage.coverageId,
                  payerName: coverage.payerName,
                  planName: coverage.planName,
                  groupNumber: coverage.groupNumber,
                  memberId: coverage.memberId,
                }
              : null,
            differences:
              matchKind === 'rejected' || matchKind === 'no_benefits'
                ? [...differences, ...(hasBenefits ? [] : ['The payer sent no benefits for this member.'])]
                : differences,
            rejections,
            findings,
            statements: statements.length,
            recordable: (matchKind === 'matched' || matchKind === 'differs') && statements.length > 0,
          },
          coverage,
          statements,
          responseDate: response.createdOn,
          sourceDetail: `${response.source.name}, trace ${trace}, received ${formatDate(today())}`.slice(
            0,
            500,
          ),
        });
      }
    }
    return worked;
  }

  /** A statement as it would be recorded, beside what is on file now. */
  async function compare(
    s: FileStatement,
    coverage: CoverageCandidate,
    onFile: OnFile,
  ): Promise<{ statement: FileStatement; onFile: string | null; differs: boolean; notes: string[] }> {
    const knowledge = await onFile.plan(coverage);
    const notes: string[] = [];
    if (s.target === 'patient' && s.field === SERVICE_FIELD) {
      const date = (s.value as ServiceValue).date;
      const history = (await onFile.history(coverage)).filter((h) => h.code === s.code);
      const same = history.find((h) => h.value.date === date);
      return {
        statement: s,
        onFile: same
          ? `${formatDate(date)} already in the history (${sourceText(same.observation)})`
          : history[0]
            ? `last on file ${formatDate(history[0].value.date)} (${sourceText(history[0].observation)})`
            : null,
        differs: false,
        notes,
      };
    }
    const derived =
      s.target === 'plan'
        ? s.field.startsWith('fact:')
          ? knowledge.fact(s.field.slice(5), s.code || null)
          : s.code
            ? knowledge.policy(s.code, s.field as never)
            : knowledge.benefit(s.field as never)
        : (await onFile.coverage(coverage)).field(s.field as never, s.code);
    if (isUnknownValue(derived.value) || !derived.current)
      return { statement: s, onFile: null, differs: false, notes };
    const onFileText = `${valueWords(s.field, derived.value)} (${sourceText(derived.current)})`;
    let statement = s;
    if (s.field === 'coverageByCategory') {
      // The file's categories replace those it gives; the others stay as they were.
      const had = derived.value as Record<string, number>;
      const merged = { ...had, ...(s.value as Record<string, number>) };
      const kept = Object.keys(had).filter((k) => !(k in (s.value as object)));
      statement = { ...s, value: merged, words: `Coverage by category: ${valueWords(s.field, merged)}` };
      if (kept.length > 0)
        notes.push(`Categories the file does not give stay as they were: ${kept.join(', ')}.`);
      for (const [category, bp] of Object.entries(s.value as Record<string, number>))
        if (
          had[category] !== undefined &&
          had[category] !== bp &&
          FULL_BP - had[category] === bp &&
          bp !== FULL_BP / 2
        )
          notes.push(invertedNote(category, had[category], bp));
    }
    if (s.field === 'coverageBp') {
      const had = derived.value as number;
      const bp = s.value as number;
      if (had !== bp && FULL_BP - had === bp && bp !== FULL_BP / 2) notes.push(invertedNote(s.code, had, bp));
    }
    // Categories the file adds are news, not a contradiction; a category it gives another value is.
    const differs =
      s.field === 'coverageByCategory'
        ? Object.entries(s.value as Record<string, number>).some(
            ([k, v]) =>
              (derived.value as Record<string, number>)[k] !== undefined &&
              (derived.value as Record<string, number>)[k] !== v,
          )
        : !sameValue(derived.value, statement.value);
    return { statement, onFile: onFileText, differs, notes };
  }

  function invertedNote(what: string, had: number, bp: number): string {
    return `${what}: on file the plan pays ${formatBp(had)}, the file says ${formatBp(bp)}: the opposite share. This payer may send the plan's share in EB08; if so, read the file with "the plan's share" and preview again.`;
  }

  async function review(
    inputs: readonly EligibilityFileInput[],
  ): Promise<Array<{ file: FileReview; read: ReadFile | null; worked: Worked[] }>> {
    const payers = await listPayers(db);
    const onFile = onFileReader(ledger);
    return Promise.all(
      inputs.map(async (input) => {
        let read: ReadFile;
        try {
          read = readFile(input);
        } catch (error) {
          if (!(error instanceof X12Error)) throw error;
          return {
            read: null,
            worked: [],
            file: {
              fileName: input.fileName,
              error: error.message,
              alreadyImported: null,
              payerName: null,
              payerId: null,
              responseDate: null,
              testData: false,
              coinsurance: '',
              rejections: [],
              members: [],
            },
          };
        }
        const imported = await findImportedFile(db, read.sha256);
        const worked = await work(read, payers, onFile);
        if (imported) for (const w of worked) w.review.recordable = false;
        const first = read.responses[0]!;
        const rejections = read.responses.flatMap((r) =>
          [...r.source.rejections, ...(r.receiver?.rejections ?? [])].map(rejectionWords),
        );
        return {
          read,
          worked,
          file: {
            fileName: input.fileName,
            error: null,
            alreadyImported: imported
              ? `Imported ${formatDate(localDate(new Date(imported.importedAt)))} by ${imported.importedBy}: importing it again adds nothing.`
              : null,
            payerName: [...new Set(read.responses.map((r) => r.source.name))].join(', '),
            payerId: first.source.id || null,
            responseDate: first.createdOn,
            testData: read.testData,
            coinsurance:
              input.coinsurance === 'plan_share'
                ? 'EB08 percents read as the plan’s share (chosen for this file)'
                : input.coinsurance === 'patient_share'
                  ? 'EB08 percents read as the patient’s share (chosen for this file)'
                  : 'EB08 percents read as each payer is set (the patient’s share unless the payer is set to send the plan’s)',
            rejections,
            members: worked.map((w) => w.review),
          },
        };
      }),
    );
  }

  return {
    async preview(files: readonly EligibilityFileInput[]): Promise<EligibilityPreview> {
      return { files: (await review(files)).map((r) => r.file) };
    },

    /** Records the confirmed members, all or none. */
    async import(
      files: readonly EligibilityFileInput[],
      confirm: readonly string[],
    ): Promise<EligibilityImportResult> {
      const reviewed = await review(files);
      const byKey = new Map(
        reviewed.flatMap((r) => r.worked.map((w) => [w.review.key, { ...r, w }] as const)),
      );
      const wanted = [...new Set(confirm)];
      for (const key of wanted) {
        const found = byKey.get(key);
        if (!found)
          throw new AppError(
            'validation',
            'A member you ticked is not in these files any more: preview the files again.',
            'confirm',
          );
        if (!found.w.review.recordable)
          throw new AppError(
            'validation',
            `${found.w.review.name} cannot be recorded (${found.file.alreadyImported ?? found.w.review.match.replace('_', ' ')}).`,
            'confirm',
          );
      }
      const result: EligibilityImportResult = { members: [], statements: 0, files: 0 };
      const at = now().toISOString();
      await db.tx(async () => {
        for (const r of reviewed) {
          const chosen = r.worked.filter((w) => wanted.includes(w.review.key));
          if (chosen.length === 0) continue;
          // A plan statement said for several members of one plan in the same file is recorded once.
          const planSaid = new Set<string>();
          let count = 0;
          for (const w of chosen) {
            const c = w.coverage!;
            const bySubject = new Map<
              string,
              { subject: Subject; list: Array<{ code: string; field: string; value: unknown }> }
            >();
            for (const s of w.statements) {
              const subject: Subject =
                s.target === 'plan'
                  ? { kind: 'plan', id: c.planId }
                  : s.target === 'coverage'
                    ? { kind: 'coverage', id: c.coverageId }
                    : { kind: 'patient', id: c.patientId };
              if (s.target === 'plan') {
                const key = `${c.planId}|${s.field}|${s.code}|${JSON.stringify(s.value)}`;
                if (planSaid.has(key)) continue;
                planSaid.add(key);
              }
              const k = `${subject.kind}:${subject.id}`;
              const entry = bySubject.get(k) ?? { subject, list: [] };
              entry.list.push({ code: s.code, field: s.field, value: s.value });
              bySubject.set(k, entry);
            }
            let n = 0;
            for (const { subject, list } of bySubject.values()) {
              await ledger.record(subject, list, {
                source: 'eligibility_file',
                sourceDetail: w.sourceDetail,
                observedOn: w.responseDate,
                at,
              });
              n += list.length;
            }
            count += n;
            result.members.push({ key: w.review.key, patientName: w.review.patient!.name, statements: n });
          }
          await insertImportedFile(db, {
            sha256: r.read!.sha256,
            fileName: r.file.fileName,
            payerName: r.file.payerName ?? '',
            payerId: r.file.payerId,
            responseDate: r.file.responseDate!,
            membersRecorded: chosen.length,
            statements: count,
            content: r.read!.text,
            importedAt: at,
            importedBy: actor(),
          });
          result.statements += count;
          result.files += 1;
        }
      });
      return result;
    },
  };
}

export type EligibilityImportService = ReturnType<typeof createEligibilityImportService>;
