// The verification call: every answer is committed the moment it is given, together with the engine's
// new position and how it compares with what is on file (new, confirmed or changed, and what it
// replaces), so a crash or a closed window loses nothing and the record can tell a confirmation from a
// correction. When the call ends (completed or dropped) each final answer becomes a statement in the
// ledger with the call as its source: plan answers for the plan, the patient's for their coverage and
// history. The next call on the plan offers the plan's answers for one-key confirmation.
import { addDays, daysBetween } from '../../shared/dates/calendar';
import { localDate } from '../../shared/dates/localDate';
import { formatDate } from '../../shared/dates/typedDate';
import { AppError } from '../../shared/ipc/result';
import { isDeletedOn } from '../../shared/catalog/catalogTypes';
import { queryWords } from '../../shared/catalog/searchQuery';
import { isUnknownValue, sameValue, type DerivedField } from '../../shared/ledger/derive';
import { ALLOWED_FEE_FIELD, factField, SERVICE_FIELD, type ServiceValue } from '../../shared/ledger/fields';
import type { Subject } from '../../shared/ledger/ledgerTypes';
import { sourceText } from '../../shared/ledger/sourceText';
import { answerWords } from '../../shared/script/answerWords';
import {
  dialledNumberFor,
  type CallPreflight,
  type CallView,
  type Comparison,
} from '../../shared/script/callViews';
import { DEFAULT_SCRIPT } from '../../shared/script/defaultScript';
import { MEDICAL_SCRIPT } from '../../shared/script/medicalScript';
import { scriptById } from '../../shared/script/scripts';
import {
  answerKey,
  answerStep,
  codesWithoutOutcome,
  currentStep,
  goBack,
  passConfirmed,
  ScriptError,
  startCall,
  stepById,
  stepsAhead,
  stepWording,
  type CallState,
} from '../../shared/script/engine';
import {
  isPlanLearning,
  type Answer,
  type Outcome,
  type Script,
  type ScriptStep,
} from '../../shared/script/scriptTypes';
import type { AppDb } from '../db/appDb';
import type { Db } from '../db/connection';
import { getCatalogCodes } from '../db/repositories/catalogRepo';
import * as calls from '../db/repositories/callRepo';
import { getPatientRow, listCoverageRows, type CoverageRow } from '../db/repositories/patientRepo';
import { getPayer, getPlanRow } from '../db/repositories/payerRepo';
import { answerLimitProblem } from '../../shared/script/answerLimits';
import { findLivePriorAuth, insertEvent, insertPriorAuth } from '../db/repositories/priorAuthRepo';
import type { Ledger } from '../ledger/ledger';
import { readCoverageKnowledge, readServiceHistory } from '../ledger/knowledge';

/** The per-code answers a record's summary table shows, for each script (the medical script asks its own). */
const DENTAL_SUMMARY_STEPS = [
  'covered',
  'coverage_percent',
  'category',
  'allowed_fee',
  'frequency',
  'next_eligible',
  'prior_auth',
  'pa_method',
];
const MEDICAL_SUMMARY_STEPS = [
  'medical_covered',
  'medical_denial_reason',
  'medical_cpt',
  'medical_prior_auth',
  'medical_pa_contact',
];

export interface CallServiceDeps {
  db: AppDb;
  /** This desk's code catalog (it stays on each computer). */
  catalog: Db;
  now: () => Date;
  actor: () => string;
  ledger: Ledger;
  /** The office identifiers a rep asks for (Settings); empty until the practice fills them in. */
  office: () => { npi: string; tin: string } | Promise<{ npi: string; tin: string }>;
}

/**
 * Engine position as stored on the call row; answers live in their own rows. Calls stored before the
 * on-file list have no confirmedAhead / listed.
 */
type StoredState = Omit<CallState, 'answers' | 'codes' | 'confirmedAhead' | 'listed'> &
  Partial<Pick<CallState, 'confirmedAhead' | 'listed'>>;

/** Where a step's answer goes in the ledger. */
interface Target {
  subject: Subject;
  field: string;
  code: string;
}

/** What is on file for a question when it is asked. */
interface OnFileNow {
  derived: DerivedField | null;
  /** Earlier services of the code (for the "last done" question). */
  services: ServiceValue[] | null;
  answer: Answer | null;
  text: string;
  source: string;
  /**
   * It comes from an eligibility file (271) still within its window: the payer sent it for this member,
   * so even a patient's answer is offered for one-key confirmation instead of being asked from scratch.
   */
  fromFile: boolean;
}

/** Days before the appointment a prior authorization request should go in, at the latest. */
const PA_LEAD_DAYS = 14;

/**
 * An answer for a question the call has already passed: most often the same answer sent again after the
 * office database took it but its reply was lost. The screen reloads the call and shows where it is.
 */
export const ANSWERED_ALREADY =
  'That question was answered already: the call has moved on. Check the last answer in "Answers so far", then go on from the question now shown.';

/** A stored value as an answer to the step that states it, or null when it does not fit the step. */
function valueAsAnswer(step: ScriptStep, value: unknown): Answer | null {
  if (value === null || value === undefined || value === 'unknown') return null;
  if (step.learns?.kind === 'fact') {
    const a = value as Answer;
    return a.type === step.type && a.value !== null && a.value !== 'unknown' ? a : null;
  }
  switch (step.type) {
    case 'yes_no_unknown':
      return value === 'yes' || value === 'no' ? { type: 'yes_no_unknown', value } : null;
    case 'choice': {
      const text = String(value);
      return step.choices?.some((c) => c.value === text) ? { type: 'choice', value: text } : null;
    }
    case 'money':
    case 'percent':
      return typeof value === 'number' ? ({ type: step.type, value } as Answer) : null;
    case 'date':
      return typeof value === 'string' ? { type: 'date', value } : null;
    case 'frequency':
      return { type: 'frequency', value: value as never };
    case 'text':
      return typeof value === 'string' ? { type: 'text', value } : null;
    default:
      return null;
  }
}

/** An answer as the value the ledger records, or undefined when it states nothing (the rep did not know). */
function answerAsValue(step: ScriptStep, answer: Answer): unknown {
  if (answer.value === null || answer.value === 'unknown') return undefined;
  switch (step.learns?.kind) {
    case 'fact':
      return answer;
    case 'service':
      return { date: answer.value as string, reportedBy: 'payer' } satisfies ServiceValue;
    case 'benefit':
      return step.learns.field === 'benefitYearStartMonth' ? Number(answer.value) : answer.value;
    default:
      return answer.value;
  }
}

/** One answer on file in the list read to the rep at once. */
interface ListedAnswer {
  key: string;
  step: ScriptStep;
  code: string | null;
  known: OnFileNow & { answer: Answer };
}

export function createCallService({ db, catalog, now, actor, ledger, office }: CallServiceDeps) {
  const stamp = () => now().toISOString();
  const today = () => localDate(now());

  async function requireCall(id: number): Promise<calls.CallRow> {
    const call = await calls.getCall(db, id);
    if (!call) throw new AppError('not_found', 'That call record does not exist.');
    return call;
  }

  /** `rows`: the call's answers. */
  function engineState(call: calls.CallRow, rows: calls.AnswerRow[]): CallState {
    const stored = JSON.parse(call.stateJson) as StoredState;
    const answers: Record<string, Answer> = {};
    for (const row of rows) answers[row.key] = row.answer;
    return {
      ...stored,
      confirmedAhead: stored.confirmedAhead ?? [],
      listed: stored.listed ?? [],
      codes: call.planned.map((p) => p.code),
      answers,
    };
  }

  function storedState(state: CallState): string {
    const { answers: _a, codes: _c, ...rest } = state;
    return JSON.stringify(rest);
  }

  /** The patient's coverage with the call's plan (null: the call is on a plan the patient has no coverage with). */
  async function coverageOf(call: calls.CallRow): Promise<CoverageRow | null> {
    return (await listCoverageRows(db, call.patientId)).find((c) => c.planId === call.planId) ?? null;
  }

  /**
   * Where a call's statements go: its plan (and the plan's payer, whose defaults fill in), the patient's
   * coverage with that plan, and the patient's service history (read once per request, on demand).
   */
  async function knowledgeOf(call: calls.CallRow) {
    const plan = (await getPlanRow(db, call.planId))!;
    let history: ReturnType<typeof readServiceHistory> | null = null;
    return {
      coverage: await coverageOf(call),
      payerId: plan.payerId,
      history: () => (history ??= readServiceHistory(ledger, call.patientId)),
    };
  }
  type Knowledge = Awaited<ReturnType<typeof knowledgeOf>>;
  function target(call: calls.CallRow, k: Knowledge, step: ScriptStep, code: string | null): Target | null {
    const learns = step.learns;
    if (!learns) return null;
    const plan: Subject = { kind: 'plan', id: call.planId };
    switch (learns.kind) {
      case 'policy':
        return code ? { subject: plan, field: learns.field, code } : null;
      case 'benefit':
        return { subject: plan, field: learns.field, code: '' };
      case 'fact':
        return { subject: plan, field: factField(step.id), code: step.perCode ? (code ?? '') : '' };
      case 'allowedFee':
        return code ? { subject: plan, field: ALLOWED_FEE_FIELD, code } : null;
      case 'coverage':
        return k.coverage
          ? {
              subject: { kind: 'coverage', id: k.coverage.id },
              field: learns.field,
              code: step.perCode ? (code ?? '') : '',
            }
          : null;
      case 'service':
        return code ? { subject: { kind: 'patient', id: call.patientId }, field: SERVICE_FIELD, code } : null;
    }
  }

  async function onFile(
    call: calls.CallRow,
    k: Knowledge,
    step: ScriptStep,
    code: string | null,
  ): Promise<OnFileNow | null> {
    const learns = step.learns;
    if (!learns || !target(call, k, step, code)) return null;
    if (learns.kind === 'service') {
      const history = (await k.history()).filter((s) => s.code === code);
      if (history.length === 0) return null;
      const services = history.map((s) => s.value);
      const last = services[0]!;
      const lastSaid = history[0]!.observation;
      const whose = { office: 'office records', payer: "payer's history", patient: 'patient said' }[
        last.reportedBy
      ];
      const fromFile =
        lastSaid.source === 'eligibility_file' &&
        daysBetween(lastSaid.observedOn, today()) <= ledger.windowFor(SERVICE_FIELD);
      return {
        derived: null,
        services,
        answer: fromFile ? { type: 'date', value: last.date } : null,
        text: formatDate(last.date),
        source: fromFile ? sourceText(lastSaid) : `last on file (${whose})`,
        fromFile,
      };
    }
    // One field read by its index, however long the plan's history: this runs on every answer.
    const where = target(call, k, step, code)!;
    let derived: DerivedField = await ledger.derive(where.subject, where.field, where.code);
    let inherited = false;
    if (learns.kind === 'policy' && isUnknownValue(derived.value)) {
      const fallback = await ledger.derive({ kind: 'payer', id: k.payerId }, where.field, where.code);
      if (!isUnknownValue(fallback.value)) {
        derived = fallback;
        inherited = true;
      }
    }
    if (derived.status === 'unknown' || !derived.current) return null;
    const answer = valueAsAnswer(step, derived.value);
    if (!answer) return null;
    return {
      derived,
      services: null,
      answer,
      text: answerWords(answer, step),
      source: sourceText(derived.current, { inherited }),
      fromFile: derived.current.source === 'eligibility_file' && derived.status === 'known',
    };
  }

  function compare(step: ScriptStep, answer: Answer, known: OnFileNow | null): Comparison | null {
    if (!step.learns) return null;
    const value = answerAsValue(step, answer);
    if (value === undefined) return 'not_known';
    if (!known) return 'new';
    if (known.services) return known.services.some((s) => s.date === answer.value) ? 'confirmed' : 'new';
    return sameValue(answerAsValue(step, known.answer!), value) ? 'confirmed' : 'changed';
  }

  /**
   * The plan's answers on file from the current question on, in the order the call would ask them, to be
   * read to the rep as one list and confirmed at once; null when the current question is not one of them
   * or fewer than two are on file. Not listed: a patient's answers (asked each call), answers reps
   * disagreed about (asked one by one), and answers already offered in a list on this call. Where an
   * answer is not on file the call is assumed to take its usual way on.
   */
  async function onFileList(call: calls.CallRow, k: Knowledge, script: Script, state: CallState) {
    const step = currentStep(script, state);
    if (!step) return null;
    const codeAt = (s: ScriptStep, codeIndex: number) =>
      s.perCode ? (state.codes[codeIndex] ?? null) : null;
    // What is on file is read from the database; the walk ahead (stepsAhead) is synchronous. So the walk
    // runs on what has been read, and whatever it reached unread is read before it runs again, until a
    // walk reaches nothing unread (each answer on file can change the way the script goes).
    const read = new Map<string, (OnFileNow & { answer: Answer }) | null>();
    const readListable = async (s: ScriptStep, key: string, codeIndex: number) => {
      let known: (OnFileNow & { answer: Answer }) | null = null;
      if (isPlanLearning(s.learns) && !state.listed.includes(key)) {
        const found = await onFile(call, k, s, codeAt(s, codeIndex));
        if (found?.answer && found.derived?.status !== 'conflict')
          known = found as OnFileNow & { answer: Answer };
      }
      read.set(key, known);
      return known;
    };
    if (!(await readListable(step, answerKey(step, state.codeIndex, state.codes), state.codeIndex)))
      return null;
    for (;;) {
      const unread: Array<[ScriptStep, string, number]> = [];
      const items: ListedAnswer[] = [];
      stepsAhead(script, state, (s, key, codeIndex) => {
        if (!read.has(key)) unread.push([s, key, codeIndex]);
        const known = read.get(key) ?? null;
        if (!known) return state.answers[key] ?? null;
        items.push({ key, step: s, code: codeAt(s, codeIndex), known });
        return known.answer;
      });
      if (unread.length === 0) return items.length >= 2 ? items : null;
      for (const [s, key, codeIndex] of unread) await readListable(s, key, codeIndex);
    }
  }

  /** The latest answer per key (an answer given again after going back replaces the earlier one). */
  function latestAnswers(rows: calls.AnswerRow[]): calls.AnswerRow[] {
    const latest = new Map<string, calls.AnswerRow>();
    for (const row of rows) latest.set(row.key, row);
    return [...latest.values()];
  }

  function pendingReadBack(rows: calls.AnswerRow[]): calls.AnswerRow | null {
    const last = rows.at(-1);
    return last && last.comparison === 'changed' && last.readBackAt === null ? last : null;
  }

  /** What the desk should do next, from the outcomes: a PA to submit comes first. */
  function suggestNext(
    call: calls.CallRow,
    outcomes: Readonly<Record<string, Outcome>>,
    callOutcome: Outcome | null,
  ) {
    const with_ = (o: Outcome) => call.planned.filter((p) => outcomes[p.code] === o);
    const day = today();
    const tomorrow = addDays(day, 1);
    const pa = with_('pa_required');
    if (pa.length > 0) {
      // Within two days, and at least PA_LEAD_DAYS before the appointment while that is still ahead.
      const latestUseful = addDays(pa.map((p) => p.serviceDate).sort()[0]!, -PA_LEAD_DAYS);
      const soon = addDays(day, 2);
      const due = latestUseful < day ? day : latestUseful < soon ? latestUseful : soon;
      return {
        // The date goes in `due` alone: every place that shows the step shows its due date beside it.
        action: `Submit the PA for ${[...new Set(pa.map((p) => p.code))].join(', ')}`,
        due,
      };
    }
    if (callOutcome === 'inactive')
      return {
        action: 'Tell the patient the coverage is not active, and offer a self-pay estimate',
        due: day,
      };
    if (callOutcome === 'unable_to_locate')
      return { action: 'Check the member details with the patient, then call again', due: tomorrow };
    const medical = with_('not_covered_dental');
    if (medical.length > 0)
      return {
        action: `Call the medical plan about ${medical.map((p) => p.code).join(', ')}`,
        due: tomorrow,
      };
    const frequency = with_('frequency_not_met');
    if (frequency.length > 0)
      return {
        action: `Tell the patient ${frequency.map((p) => p.code).join(', ')} is not due yet (frequency limit)`,
        due: tomorrow,
      };
    return { action: 'Make the estimate and tell the patient what they will owe', due: tomorrow };
  }

  async function view(id: number): Promise<CallView> {
    const call = await requireCall(id);
    const rows = await calls.listAnswers(db, id);
    const state = engineState(call, rows);
    const patient = (await getPatientRow(db, call.patientId))!;
    const plan = (await getPlanRow(db, call.planId))!;
    const holds = await calls.listHolds(db, id);
    const script = scriptById(call.scriptId);
    const step = call.status === 'in_progress' ? currentStep(script, state) : null;
    const code = step?.perCode ? (state.codes[state.codeIndex] ?? null) : null;
    const k = await knowledgeOf(call);
    const known = step ? await onFile(call, k, step, code) : null;
    const latest = latestAnswers(rows);
    const pending = pendingReadBack(rows);
    const list = step && !pending ? await onFileList(call, k, script, state) : null;
    const payer = await getPayer(db, plan.payerId);
    const { npi, tin } = await office();
    const answerView = (row: calls.AnswerRow) => {
      const [stepId, answerCode] = row.key.split('@') as [string, string | undefined];
      const s = stepById(script, stepId);
      return {
        key: row.key,
        label: s.label,
        question: stepWording(s, answerCode ?? null).question,
        code: answerCode ?? null,
        answer: row.answer,
        words: answerWords(row.answer, s),
        comparison: row.comparison,
        onFile: row.onFile,
        readBackAt: row.readBackAt,
        answeredAt: row.answeredAt,
      };
    };
    const answers = latest.map(answerView);
    const count = (c: Comparison) => latest.filter((r) => r.comparison === c).length;
    const outcomes = state.outcomes;
    const summarySteps = call.scriptId === MEDICAL_SCRIPT.id ? MEDICAL_SUMMARY_STEPS : DENTAL_SUMMARY_STEPS;
    return {
      id: call.id,
      status: call.status,
      kind: call.scriptId === MEDICAL_SCRIPT.id ? 'medical' : 'dental',
      medicalCallOf: call.medicalCallOf,
      medicalCalls: await calls.listMedicalCalls(db, id),
      medicalCodes: medicalCodes(call, outcomes),
      patient: { id: patient.id, name: `${patient.firstName} ${patient.lastName}`, dob: patient.dob },
      plan: {
        id: plan.id,
        payerName: plan.payerName,
        planName: plan.name,
        groupNumber: plan.groupNumber,
        payerPhone: payer
          ? dialledNumberFor(payer, call.scriptId === MEDICAL_SCRIPT.id ? 'medical' : 'dental')
          : null,
      },
      office: { npi: npi || null, tin: tin || null },
      member: k.coverage
        ? {
            memberId: k.coverage.memberId,
            subscriberName: k.coverage.subscriberName,
            subscriberDob: k.coverage.subscriberDob,
            relationship: k.coverage.relationship,
          }
        : null,
      planned: call.planned,
      startedAt: call.startedAt,
      endedAt: call.endedAt,
      staffUser: call.staffUser,
      repName: call.repName,
      referenceNumber: call.referenceNumber,
      noReferenceReason: call.noReferenceReason,
      dialedNumber: call.dialedNumber,
      ivrNotes: call.ivrNotes,
      holds,
      onHold: holds.some((h) => h.endedAt === null),
      current: step
        ? {
            key: answerKey(step, state.codeIndex, state.codes),
            stepId: step.id,
            section: step.section,
            label: step.label,
            question: stepWording(step, code).question,
            say: stepWording(step, code).say,
            type: step.type,
            choices: [...(step.choices ?? [])],
            code,
            known: known
              ? {
                  answer: isPlanLearning(step.learns) || known.fromFile ? known.answer : null,
                  text: known.text,
                  source: known.source,
                  status:
                    known.derived?.status === 'stale' || known.derived?.status === 'conflict'
                      ? known.derived.status
                      : 'known',
                  conflict: (known.derived?.conflict ?? []).map((o) => {
                    const a = valueAsAnswer(step, o.value);
                    return `${a ? answerWords(a, step) : 'Unknown'} (${sourceText(o)})`;
                  }),
                }
              : null,
            onFileList: list
              ? list.map((item) => ({
                  key: item.key,
                  label: item.step.label,
                  question: stepWording(item.step, item.code).question,
                  code: item.code,
                  section: item.step.section,
                  words: item.known.text,
                  source: item.known.source,
                  stale: item.known.derived?.status === 'stale',
                }))
              : null,
          }
        : null,
      answers,
      pendingReadBack: pending
        ? {
            key: pending.key,
            label: answerView(pending).label,
            was: pending.onFile!,
            now: answerView(pending).words,
          }
        : null,
      trail: state.trail.map((t) => {
        const s = stepById(script, t.stepId);
        return {
          key: answerKey(s, t.codeIndex, state.codes),
          label: s.label,
        };
      }),
      outcomes,
      callOutcome: state.callOutcome,
      codeSummary: call.planned.map((p) => ({
        code: p.code,
        outcome: outcomes[p.code] ?? state.callOutcome ?? null,
        items: summarySteps.flatMap((stepId) => {
          const a = answers.find((x) => x.key === `${stepId}@${p.code}`);
          return a
            ? [
                {
                  label: a.label,
                  words: a.words,
                  comparison: a.comparison,
                  was: a.onFile ? `${a.onFile.text} (${a.onFile.source})` : null,
                },
              ]
            : [];
        }),
      })),
      suggestedNext: suggestNext(call, outcomes, state.callOutcome),
      learning: {
        new: count('new'),
        confirmed: count('confirmed'),
        changed: count('changed'),
        notKnown: count('not_known'),
      },
      nextAction: call.nextAction,
      nextActionDue: call.nextActionDue,
      reverifyDate: call.reverifyDate,
      amendments: await calls.listAmendments(db, id),
    };
  }

  async function requireInProgress(id: number): Promise<calls.CallRow> {
    const call = await requireCall(id);
    if (call.status !== 'in_progress') {
      throw new AppError(
        'conflict',
        'This call is finished. Corrections are added as amendments on the record.',
      );
    }
    return call;
  }

  /**
   * What is wrong before dialling. Problems: a code VerifyDesk does not know, or one deleted by the date
   * of service (with what replaced it). Warnings: a date of service outside the coverage's known dates.
   */
  async function preflight(input: {
    patientId: number;
    planId: number;
    planned: calls.PlannedCode[];
  }): Promise<CallPreflight> {
    const known = getCatalogCodes(
      catalog,
      input.planned.map((p) => p.code),
    );
    const problems: CallPreflight['problems'] = [];
    input.planned.forEach((p, i) => {
      const entry = known.get(p.code);
      const field = `planned.${i}.code`;
      if (!entry) {
        problems.push({ field, message: `${p.code} is not a CDT code VerifyDesk knows. Check the number.` });
      } else if (isDeletedOn(entry, p.serviceDate)) {
        const current = entry.confusedWith
          .map((c) => c.code)
          .filter((c) => {
            const other = getCatalogCodes(catalog, [c]).get(c);
            return other && !isDeletedOn(other, p.serviceDate);
          });
        problems.push({
          field,
          message: `${p.code} was deleted (last valid ${formatDate(entry.validTo!)}), so a payer will refuse it.${
            current.length > 0 ? ` Use ${current.join(' or ')} instead.` : ''
          }`,
        });
      }
    });
    const warnings: string[] = [];
    const coverage = (await listCoverageRows(db, input.patientId)).find((c) => c.planId === input.planId);
    if (coverage) {
      const facts = await readCoverageKnowledge(ledger, coverage.id);
      const starts = facts.field('effectiveDate').value as string | null;
      const ends = facts.field('terminationDate').value as string | null;
      for (const date of [...new Set(input.planned.map((p) => p.serviceDate))]) {
        if (starts && date < starts)
          warnings.push(
            `The date of service ${formatDate(date)} is before this coverage starts (${formatDate(starts)}).`,
          );
        if (ends && date > ends)
          warnings.push(
            `The date of service ${formatDate(date)} is after this coverage ends (${formatDate(ends)}).`,
          );
      }
    }
    for (const date of [...new Set(input.planned.map((p) => p.serviceDate))])
      if (daysBetween(today(), date) < 0)
        warnings.push(`The date of service ${formatDate(date)} has passed.`);
    return { problems, warnings };
  }

  async function insertNewCall(
    script: Script,
    input: {
      patientId: number;
      planId: number;
      planned: calls.PlannedCode[];
      dialedNumber: string | null;
      medicalCallOf: number | null;
    },
  ): Promise<number> {
    if (!(await getPatientRow(db, input.patientId)))
      throw new AppError('not_found', 'That patient record no longer exists.');
    if (!(await getPlanRow(db, input.planId)))
      throw new AppError('validation', 'Choose a plan that exists.', 'planId');
    const state = startCall(
      script,
      input.planned.map((p) => p.code),
    );
    return db.tx(() =>
      calls.insertCall(db, {
        ...input,
        scriptId: script.id,
        scriptVersion: script.version,
        staffUser: actor(),
        stateJson: storedState(state),
        now: stamp(),
      }),
    );
  }

  /** Codes a finished dental call found excluded by the dental plan: the medical plan may pay them. */
  function medicalCodes(call: calls.CallRow, outcomes: Readonly<Record<string, Outcome>>): string[] {
    if (call.scriptId !== DEFAULT_SCRIPT.id || call.status === 'in_progress') return [];
    return call.planned.map((p) => p.code).filter((code) => outcomes[code] === 'not_covered_dental');
  }

  /**
   * The call's final answers become statements in the ledger, each dated when it was given, with the
   * call, rep and reference number as the source. Run inside the transaction that ends the call.
   */
  async function recordStatements(call: calls.CallRow, rows: calls.AnswerRow[]): Promise<void> {
    const script = scriptById(call.scriptId);
    const k = await knowledgeOf(call);
    for (const row of latestAnswers(rows)) {
      const [stepId, code] = row.key.split('@') as [string, string | undefined];
      const step = stepById(script, stepId);
      const value = step.learns ? answerAsValue(step, row.answer) : undefined;
      const where = value === undefined ? null : target(call, k, step, code ?? null);
      if (!where) continue;
      await ledger.record(where.subject, [{ code: where.code, field: where.field, value }], {
        source: 'call',
        callId: call.id,
        repName: call.repName,
        referenceNumber: call.referenceNumber,
        at: row.answeredAt,
      });
    }
  }

  return {
    view,
    preflight,

    async start(input: {
      patientId: number;
      planId: number;
      planned: calls.PlannedCode[];
      dialedNumber: string | null;
      acceptWarnings?: boolean;
    }): Promise<CallView> {
      const check = await preflight(input);
      const problem = check.problems[0];
      if (problem) throw new AppError('validation', problem.message, problem.field);
      if (check.warnings.length > 0 && !input.acceptWarnings)
        throw new AppError('conflict', check.warnings.join(' '), 'acceptWarnings');
      return view(await insertNewCall(DEFAULT_SCRIPT, { ...input, medicalCallOf: null }));
    },

    /**
     * The medical-plan branch: a new call, with its own rep, reference number and timers, linked to the
     * dental call that found codes the dental plan will not pay. It asks about those codes only.
     */
    async startMedical(
      dentalCallId: number,
      input: { planId: number; dialedNumber: string | null },
    ): Promise<CallView> {
      const dental = await requireCall(dentalCallId);
      if (dental.scriptId !== DEFAULT_SCRIPT.id)
        throw new AppError('conflict', 'A medical-plan call starts from a dental verification call.');
      const codes = medicalCodes(
        dental,
        engineState(dental, await calls.listAnswers(db, dental.id)).outcomes,
      );
      if (codes.length === 0) {
        throw new AppError(
          'conflict',
          'No code on this call was refused by the dental plan, so there is nothing to ask the medical plan.',
        );
      }
      const plan = await getPlanRow(db, input.planId);
      if (!plan || plan.planType !== 'medical') {
        throw new AppError(
          'validation',
          "Choose the patient's medical plan (a plan whose type is Medical).",
          'planId',
        );
      }
      // The rep looks the member up by the coverage's member ID: a plan the patient has no coverage
      // with cannot be verified for them.
      if (!(await listCoverageRows(db, dental.patientId)).some((c) => c.planId === plan.id)) {
        throw new AppError(
          'validation',
          'The patient has no coverage with that medical plan. Add it on the Patients screen (with the member ID), then start the call.',
          'planId',
        );
      }
      return view(
        await insertNewCall(MEDICAL_SCRIPT, {
          patientId: dental.patientId,
          planId: plan.id,
          planned: dental.planned.filter((p) => codes.includes(p.code)),
          dialedNumber: input.dialedNumber,
          medicalCallOf: dental.id,
        }),
      );
    },

    /**
     * Commits one answer, how it compares with the file, and the engine's next position in one
     * transaction: durable once this returns. A changed answer must be read back before the next one.
     */
    /** `key`: the question the caller answered; refused when the call is no longer on it. */
    async answer(id: number, answer: Answer, key?: string): Promise<CallView> {
      const call = await requireInProgress(id);
      const rows = await calls.listAnswers(db, id);
      if (pendingReadBack(rows))
        throw new AppError(
          'conflict',
          'Read the changed answer back to the rep first, then go on.',
          'readBack',
        );
      const state = engineState(call, rows);
      const script = scriptById(call.scriptId);
      const step = currentStep(script, state);
      if (!step)
        throw new AppError('conflict', 'The script is finished: complete the call, or go back to an answer.');
      if (key !== undefined && key !== answerKey(step, state.codeIndex, state.codes))
        throw new AppError('conflict', ANSWERED_ALREADY, 'answer');
      let next: CallState;
      try {
        // Straight on past what the rep already confirmed from the on-file list.
        next = passConfirmed(script, answerStep(script, state, answer));
      } catch (error) {
        if (error instanceof ScriptError) throw new AppError('validation', error.message, 'answer');
        throw error;
      }
      if (step.learns?.kind === 'service' && typeof answer.value === 'string' && answer.value > today())
        throw new AppError('validation', 'An earlier service cannot have a future date.', 'answer');
      const impossible = answerLimitProblem(step.id, answer, state.answers);
      if (impossible) throw new AppError('validation', impossible, 'answer');
      const code = step.perCode ? (state.codes[state.codeIndex] ?? null) : null;
      const known = await onFile(call, await knowledgeOf(call), step, code);
      const comparison = compare(step, answer, known);
      const at = stamp();
      await db.tx(async () => {
        await calls.insertAnswer(
          db,
          id,
          answerKey(step, state.codeIndex, state.codes),
          answer,
          comparison,
          known ? { text: known.text, source: known.source } : null,
          at,
        );
        await calls.updateCallState(db, id, storedState(next), at);
        // The opening questions fill the record's rep and reference fields.
        if (step.id === 'rep_name' || step.id === 'reference_number') {
          const text = answer.value === null ? null : String(answer.value);
          await calls.updateCallDetails(
            db,
            id,
            {
              repName: step.id === 'rep_name' ? text : call.repName,
              referenceNumber: step.id === 'reference_number' ? text : call.referenceNumber,
              noReferenceReason: call.noReferenceReason,
              dialedNumber: call.dialedNumber,
              ivrNotes: call.ivrNotes,
            },
            at,
          );
        }
      });
      return view(id);
    },

    /**
     * The rep confirmed the plan's answers on file read out as one list: each listed answer given in
     * `keys` is committed as its own answer (compared with the file like any other, so it is a
     * confirmation, and the ledger gets one statement per field when the call ends); the listed answers
     * left out are asked one by one when the call reaches them, where a different answer is read back.
     * The call then goes on past every confirmed answer to the first question still to ask.
     */
    async confirmOnFile(id: number, keys: string[]): Promise<CallView> {
      const call = await requireInProgress(id);
      const rows = await calls.listAnswers(db, id);
      if (pendingReadBack(rows))
        throw new AppError(
          'conflict',
          'Read the changed answer back to the rep first, then go on.',
          'readBack',
        );
      const state = engineState(call, rows);
      const script = scriptById(call.scriptId);
      const list = await onFileList(call, await knowledgeOf(call), script, state);
      if (!list) throw new AppError('conflict', 'There is no list of answers on file to confirm here.');
      const listed = new Set(list.map((item) => item.key));
      const stray = keys.find((key) => !listed.has(key));
      if (stray !== undefined)
        throw new AppError(
          'conflict',
          'What is on file changed since the list was shown. Read the list on screen again.',
        );
      const confirmed = list.filter((item) => keys.includes(item.key));
      const at = stamp();
      const answers = { ...state.answers };
      for (const item of confirmed) answers[item.key] = item.known.answer;
      let next: CallState;
      try {
        next = passConfirmed(script, {
          ...state,
          answers,
          listed: [...state.listed, ...listed],
          confirmedAhead: [...state.confirmedAhead, ...confirmed.map((item) => item.key)],
        });
      } catch (error) {
        if (error instanceof ScriptError) throw new AppError('validation', error.message);
        throw error;
      }
      await db.tx(async () => {
        for (const item of confirmed)
          await calls.insertAnswer(
            db,
            id,
            item.key,
            item.known.answer,
            compare(item.step, item.known.answer, item.known),
            { text: item.known.text, source: item.known.source },
            at,
          );
        await calls.updateCallState(db, id, storedState(next), at);
      });
      return view(id);
    },

    /** The caller read the changed answer back and the rep confirmed it. */
    async confirmReadBack(id: number, key: string): Promise<CallView> {
      await requireInProgress(id);
      const pending = pendingReadBack(await calls.listAnswers(db, id));
      if (!pending || pending.key !== key)
        throw new AppError('conflict', 'There is no changed answer waiting to be read back.');
      await db.tx(() => calls.insertReadBack(db, pending.id, stamp(), actor()));
      return view(id);
    },

    async back(id: number, trailIndex: number): Promise<CallView> {
      const call = await requireInProgress(id);
      const rows = await calls.listAnswers(db, id);
      let state: CallState;
      try {
        state = goBack(engineState(call, rows), trailIndex);
      } catch (error) {
        if (error instanceof ScriptError) throw new AppError('validation', error.message);
        throw error;
      }
      await calls.updateCallState(db, id, storedState(state), stamp());
      return view(id);
    },

    async setDetails(
      id: number,
      details: Pick<
        calls.CallRow,
        'repName' | 'referenceNumber' | 'noReferenceReason' | 'dialedNumber' | 'ivrNotes'
      >,
    ): Promise<CallView> {
      await requireInProgress(id);
      await calls.updateCallDetails(db, id, details, stamp());
      return view(id);
    },

    /** H: starts a hold segment, or ends the open one ("rep on line"). */
    async toggleHold(id: number): Promise<CallView> {
      await requireInProgress(id);
      await db.tx(async () => {
        if (!(await calls.endOpenHold(db, id, stamp()))) await calls.startHold(db, id, stamp());
      });
      return view(id);
    },

    /**
     * The call dropped: everything said so far is kept (and recorded in the ledger), unanswered codes are
     * partial, and a call-back is due today.
     */
    async drop(id: number): Promise<CallView> {
      const call = await requireInProgress(id);
      const rows = await calls.listAnswers(db, id);
      const state = engineState(call, rows);
      const outcomes = { ...state.outcomes };
      for (const code of codesWithoutOutcome(state)) outcomes[code] = 'partial';
      await db.tx(async () => {
        await recordStatements(call, rows);
        await calls.endOpenHold(db, id, stamp());
        await calls.finishCall(db, id, {
          status: 'partial',
          endedAt: stamp(),
          stateJson: storedState({ ...state, outcomes }),
          nextAction: 'Call back: the call dropped before it was finished.',
          nextActionDue: today(),
          reverifyDate: null,
        });
      });
      return view(id);
    },

    /** The Records list: newest first, narrowed by the words typed (patient, payer, plan, reference, code). */
    search(query: string): Promise<calls.CallListRow[]> {
      return calls.searchCalls(db, queryWords(query), 200);
    },

    /** Calls left in progress (the app closed or crashed): offered for resuming where they were. */
    async inProgress(): Promise<
      Array<{
        id: number;
        patientId: number;
        patientName: string;
        payerName: string;
        codes: string[];
        question: string | null;
        startedAt: string;
      }>
    > {
      const out = [];
      for (const c of await calls.listCallsByStatus(db, 'in_progress')) {
        const v = await view(c.id);
        out.push({
          id: c.id,
          patientId: c.patientId,
          patientName: v.patient.name,
          payerName: v.plan.payerName,
          codes: c.planned.map((p) => p.code),
          question: v.current?.onFileList ? "the plan's answers on file" : (v.current?.label ?? null),
          startedAt: c.startedAt,
        });
      }
      return out;
    },

    async complete(
      id: number,
      input: { nextAction: string; nextActionDue: string; reverifyDate: string | null },
    ): Promise<CallView> {
      const call = await requireInProgress(id);
      const rows = await calls.listAnswers(db, id);
      const state = engineState(call, rows);
      if (!call.repName)
        throw new AppError('validation', "Add the rep's name before completing the call.", 'repName');
      if (!call.referenceNumber && !call.noReferenceReason) {
        throw new AppError(
          'validation',
          'Add the reference number, or why the rep gave none.',
          'referenceNumber',
        );
      }
      if (pendingReadBack(rows))
        throw new AppError(
          'conflict',
          'Read the changed answer back to the rep before completing.',
          'readBack',
        );
      const outcomes = { ...state.outcomes };
      if (state.callOutcome) for (const code of state.codes) outcomes[code] ??= state.callOutcome;
      const missing = state.codes.filter((c) => !outcomes[c]);
      if (missing.length > 0) {
        throw new AppError(
          'validation',
          `Every code needs an outcome before the call is complete: ${missing.join(', ')} has none yet.`,
        );
      }
      const script = scriptById(call.scriptId);
      await db.tx(async () => {
        await recordStatements(call, rows);
        await calls.endOpenHold(db, id, stamp());
        const earliest = [...call.planned].map((p) => p.serviceDate).sort()[0]!;
        await calls.finishCall(db, id, {
          status: 'completed',
          endedAt: stamp(),
          stateJson: storedState({ ...state, outcomes }),
          nextAction: input.nextAction,
          nextActionDue: input.nextActionDue,
          reverifyDate: input.reverifyDate ?? earliest,
        });
        // A tracker item for every code that needs prior authorization, with how to submit it, in the
        // words the desk reads (a choice's label, not its stored value).
        const said = (stepId: string, code: string) => {
          const a = state.answers[`${stepId}@${code}`] ?? state.answers[stepId];
          if (!a || typeof a.value !== 'string') return null;
          const choice = stepById(script, stepId).choices?.find((c) => c.value === a.value);
          return choice?.label ?? a.value;
        };
        for (const p of call.planned) {
          if (outcomes[p.code] !== 'pa_required') continue;
          const tracked = await findLivePriorAuth(db, {
            patientId: call.patientId,
            planId: call.planId,
            code: p.code,
            serviceDate: p.serviceDate,
          });
          if (tracked) {
            await insertEvent(
              db,
              tracked.id,
              stamp(),
              actor(),
              tracked.status,
              `Call #${id} also found prior authorization required; this item already tracks it.`,
            );
            continue;
          }
          await insertPriorAuth(db, {
            callId: id,
            patientId: call.patientId,
            planId: call.planId,
            code: p.code,
            serviceDate: p.serviceDate,
            // A medical-plan call asks "through whom" and the contact in its own steps.
            method: said('pa_method', p.code) ?? said('medical_prior_auth', p.code),
            contact: said('pa_contact', p.code) ?? said('medical_pa_contact', p.code),
            attachments: said('pa_attachments', p.code),
            now: stamp(),
            byUser: actor(),
          });
        }
      });
      return view(id);
    },

    async amend(id: number, what: string, why: string): Promise<CallView> {
      const call = await requireCall(id);
      if (call.status === 'in_progress')
        throw new AppError('conflict', 'The call is still open: change the answer itself.');
      await db.tx(() => calls.insertAmendment(db, id, { amendedAt: stamp(), amendedBy: actor(), what, why }));
      return view(id);
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
