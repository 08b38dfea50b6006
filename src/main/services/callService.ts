// The verification call: every answer is committed the moment it is given, together with the engine's
// new position, so a crash or a closed window loses nothing. Known plan answers are offered for one-key
// confirmation; completing the call writes what was learned back into the plan with the call's provenance.
import { buildMatchExpression, queryWords } from '../../shared/catalog/searchQuery';
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import {
  isUnknown,
  UNKNOWN_BENEFITS,
  type PlanBenefits,
  type PolicyValues,
  type Provenance,
} from '../../shared/policy/policyTypes';
import { recordedOn } from '../../shared/policy/staleness';
import type { CallView } from '../../shared/script/callViews';
import { DEFAULT_SCRIPT } from '../../shared/script/defaultScript';
import { MEDICAL_SCRIPT } from '../../shared/script/medicalScript';
import { scriptById } from '../../shared/script/scripts';
import {
  answerKey,
  answerStep,
  codesWithoutOutcome,
  currentStep,
  goBack,
  ScriptError,
  startCall,
  stepById,
  type CallState,
} from '../../shared/script/engine';
import type { Answer, Script, ScriptStep } from '../../shared/script/scriptTypes';
import type { Db } from '../db/connection';
import { insertPriorAuth } from '../db/repositories/priorAuthRepo';
import * as calls from '../db/repositories/callRepo';
import { getPatientRow } from '../db/repositories/patientRepo';
import { getPlanRow } from '../db/repositories/payerRepo';
import * as policies from '../db/repositories/policyRepo';
import { getProvenances, insertProvenance, type ProvenanceMap } from '../db/repositories/provenanceRepo';
import type { PolicyService } from './policyService';

export interface CallServiceDeps {
  db: Db;
  now: () => Date;
  actor: () => string;
  policies: PolicyService;
}

/** Engine position as stored on the call row; answers live in their own rows. */
type StoredState = Omit<CallState, 'answers' | 'codes'>;

/** A stored policy/benefit value as an answer to the step that learns it, or null when not answerable. */
function valueAsAnswer(step: ScriptStep, value: unknown): Answer | null {
  if (isUnknown(value)) return null;
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
    case 'frequency':
      return { type: 'frequency', value: value as never };
    case 'text':
      return typeof value === 'string' ? { type: 'text', value } : null;
    default:
      return null;
  }
}

/** An answer as the value to learn into the store, or undefined when it teaches nothing (unknown). */
function answerAsValue(step: ScriptStep, answer: Answer): unknown {
  if (answer.value === null || answer.value === 'unknown') return undefined;
  if (step.learns?.kind === 'benefit' && step.learns.field === 'benefitYearStartMonth')
    return Number(answer.value);
  return answer.value;
}

function provenanceSource(p: Provenance | null): string {
  if (!p) return 'on file';
  const parts = [`confirmed ${recordedOn(p)}`];
  if (p.repName) parts.push(p.repName);
  if (p.referenceNumber) parts.push(`ref ${p.referenceNumber}`);
  if (p.source !== 'call') parts.push(p.source === 'import' ? 'imported' : `entered by ${p.recordedBy}`);
  return parts.join(', ');
}

export function createCallService({ db, now, actor, policies: policyService }: CallServiceDeps) {
  const stamp = () => now().toISOString();

  function requireCall(id: number): calls.CallRow {
    const call = calls.getCall(db, id);
    if (!call) throw new AppError('not_found', 'That call record does not exist.');
    return call;
  }

  /** `rows`: the call's answers, when the caller has already read them. */
  function engineState(call: calls.CallRow, rows = calls.listAnswers(db, call.id)): CallState {
    const stored = JSON.parse(call.stateJson) as StoredState;
    const answers: Record<string, Answer> = {};
    for (const row of rows) answers[row.key] = row.answer;
    return { ...stored, codes: call.planned.map((p) => p.code), answers };
  }

  function storedState(state: CallState): string {
    const { answers: _a, codes: _c, ...rest } = state;
    return JSON.stringify(rest);
  }

  /** What the plan already says for the current step, if it learns a field and the answer is known. */
  function knownAnswer(
    call: calls.CallRow,
    step: ScriptStep,
    code: string | null,
  ): { answer: Answer; source: string } | null {
    if (!step.learns) return null;
    const plan = getPlanRow(db, call.planId)!;
    if (step.learns.kind === 'fact') {
      const fact = calls.getPlanFact(db, plan.id, step.perCode ? code : null, step.id);
      if (
        !fact ||
        fact.answer.type !== step.type ||
        fact.answer.value === null ||
        fact.answer.value === 'unknown'
      )
        return null;
      return {
        answer: fact.answer,
        source: provenanceSource(getProvenances(db, [fact.provenanceId]).get(fact.provenanceId) ?? null),
      };
    }
    let value: unknown;
    let provenanceId: number | undefined;
    if (step.learns.kind === 'benefit') {
      const benefits = { ...UNKNOWN_BENEFITS, ...(JSON.parse(plan.benefitsJson) as Partial<PlanBenefits>) };
      value = benefits[step.learns.field];
      provenanceId = (JSON.parse(plan.provenanceJson) as ProvenanceMap)[step.learns.field];
    } else if (code) {
      const own = policies.getPolicy(db, plan.payerId, plan.id, code);
      const fallback = policies.getPolicy(db, plan.payerId, null, code);
      const field = step.learns.field;
      const source =
        own && !isUnknown(own.values[field])
          ? own
          : fallback && !isUnknown(fallback.values[field])
            ? fallback
            : null;
      value = source?.values[field];
      provenanceId = source?.provenance[field];
    }
    const answer = valueAsAnswer(step, value);
    if (!answer) return null;
    const provenance =
      provenanceId === undefined ? null : (getProvenances(db, [provenanceId]).get(provenanceId) ?? null);
    return { answer, source: provenanceSource(provenance) };
  }

  const sayFor = (step: ScriptStep, code: string | null) => step.say.replace(/\{code\}/g, code ?? 'the code');

  function view(id: number): CallView {
    const call = requireCall(id);
    const rows = calls.listAnswers(db, id);
    const state = engineState(call, rows);
    const patient = getPatientRow(db, call.patientId)!;
    const plan = getPlanRow(db, call.planId)!;
    const holds = calls.listHolds(db, id);
    const script = scriptById(call.scriptId);
    const step = call.status === 'in_progress' ? currentStep(script, state) : null;
    const code = step?.perCode ? (state.codes[state.codeIndex] ?? null) : null;
    const latest = new Map<string, calls.AnswerRow>();
    for (const row of rows) latest.set(row.key, row);
    return {
      id: call.id,
      status: call.status,
      kind: call.scriptId === MEDICAL_SCRIPT.id ? 'medical' : 'dental',
      medicalCallOf: call.medicalCallOf,
      medicalCalls: calls.listMedicalCalls(db, id),
      medicalCodes: medicalCodes(call, state.outcomes),
      patient: { id: patient.id, name: `${patient.firstName} ${patient.lastName}` },
      plan: { id: plan.id, payerName: plan.payerName, planName: plan.name },
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
            say: sayFor(step, code),
            type: step.type,
            choices: [...(step.choices ?? [])],
            code,
            known: knownAnswer(call, step, code),
          }
        : null,
      answers: [...latest.values()].map((row) => {
        const [stepId, answerCode] = row.key.split('@') as [string, string | undefined];
        const step = stepById(script, stepId);
        return {
          key: row.key,
          say: sayFor(step, answerCode ?? null),
          answer: row.answer,
          choiceLabel:
            row.answer.type === 'choice'
              ? (step.choices?.find((c) => c.value === row.answer.value)?.label ?? null)
              : null,
          wasKnown: row.wasKnown,
          answeredAt: row.answeredAt,
        };
      }),
      trail: state.trail.map((t) => {
        const s = stepById(script, t.stepId);
        return { label: sayFor(s, s.perCode ? (state.codes[t.codeIndex] ?? null) : null) };
      }),
      outcomes: state.outcomes,
      callOutcome: state.callOutcome,
      nextAction: call.nextAction,
      nextActionDue: call.nextActionDue,
      reverifyDate: call.reverifyDate,
      amendments: calls.listAmendments(db, id),
    };
  }

  function requireInProgress(id: number): calls.CallRow {
    const call = requireCall(id);
    if (call.status !== 'in_progress') {
      throw new AppError(
        'conflict',
        'This call is finished. Corrections are added as amendments on the record.',
      );
    }
    return call;
  }

  function insertNewCall(
    script: Script,
    input: {
      patientId: number;
      planId: number;
      planned: calls.PlannedCode[];
      dialedNumber: string | null;
      medicalCallOf: number | null;
    },
  ): number {
    if (!getPatientRow(db, input.patientId))
      throw new AppError('not_found', 'That patient record no longer exists.');
    if (!getPlanRow(db, input.planId))
      throw new AppError('validation', 'Choose a plan that exists.', 'planId');
    const state = startCall(
      script,
      input.planned.map((p) => p.code),
    );
    return db.transaction(() =>
      calls.insertCall(db, {
        ...input,
        scriptId: script.id,
        scriptVersion: script.version,
        staffUser: actor(),
        stateJson: storedState(state),
        now: stamp(),
      }),
    )();
  }

  /** Codes a finished dental call found excluded by the dental plan: the medical plan may pay them. */
  function medicalCodes(call: calls.CallRow, outcomes = engineState(call).outcomes): string[] {
    if (call.scriptId !== DEFAULT_SCRIPT.id || call.status === 'in_progress') return [];
    return call.planned.map((p) => p.code).filter((code) => outcomes[code] === 'not_covered_dental');
  }

  return {
    view,

    start(input: {
      patientId: number;
      planId: number;
      planned: calls.PlannedCode[];
      dialedNumber: string | null;
    }): CallView {
      return view(insertNewCall(DEFAULT_SCRIPT, { ...input, medicalCallOf: null }));
    },

    /**
     * The medical-plan branch: a new call, with its own rep, reference number and timers, linked to the
     * dental call that found codes the dental plan will not pay. It asks about those codes only.
     */
    startMedical(dentalCallId: number, input: { planId: number; dialedNumber: string | null }): CallView {
      const dental = requireCall(dentalCallId);
      if (dental.scriptId !== DEFAULT_SCRIPT.id)
        throw new AppError('conflict', 'A medical-plan call starts from a dental verification call.');
      const codes = medicalCodes(dental);
      if (codes.length === 0) {
        throw new AppError(
          'conflict',
          'No code on this call was refused by the dental plan, so there is nothing to ask the medical plan.',
        );
      }
      const plan = getPlanRow(db, input.planId);
      if (!plan || plan.planType !== 'medical') {
        throw new AppError(
          'validation',
          "Choose the patient's medical plan (a plan whose type is Medical).",
          'planId',
        );
      }
      return view(
        insertNewCall(MEDICAL_SCRIPT, {
          patientId: dental.patientId,
          planId: plan.id,
          planned: dental.planned.filter((p) => codes.includes(p.code)),
          dialedNumber: input.dialedNumber,
          medicalCallOf: dental.id,
        }),
      );
    },

    /** Commits one answer and the engine's next position in one transaction: durable once this returns. */
    answer(id: number, answer: Answer): CallView {
      const call = requireInProgress(id);
      const state = engineState(call);
      const script = scriptById(call.scriptId);
      const step = currentStep(script, state);
      if (!step)
        throw new AppError('conflict', 'The script is finished: complete the call, or go back to an answer.');
      let next: CallState;
      try {
        next = answerStep(script, state, answer);
      } catch (error) {
        if (error instanceof ScriptError) throw new AppError('validation', error.message, 'answer');
        throw error;
      }
      const code = step.perCode ? (state.codes[state.codeIndex] ?? null) : null;
      const wasKnown = knownAnswer(call, step, code) !== null;
      const at = stamp();
      db.transaction(() => {
        calls.insertAnswer(db, id, answerKey(step, state.codeIndex, state.codes), answer, wasKnown, at);
        calls.updateCallState(db, id, storedState(next), at);
        // The opening questions fill the record's rep and reference fields.
        if (step.id === 'rep_name' || step.id === 'reference_number') {
          const text = answer.value === null ? null : String(answer.value);
          calls.updateCallDetails(
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
      })();
      return view(id);
    },

    back(id: number, trailIndex: number): CallView {
      const call = requireInProgress(id);
      let state: CallState;
      try {
        state = goBack(engineState(call), trailIndex);
      } catch (error) {
        if (error instanceof ScriptError) throw new AppError('validation', error.message);
        throw error;
      }
      calls.updateCallState(db, id, storedState(state), stamp());
      return view(id);
    },

    setDetails(
      id: number,
      details: Pick<
        calls.CallRow,
        'repName' | 'referenceNumber' | 'noReferenceReason' | 'dialedNumber' | 'ivrNotes'
      >,
    ): CallView {
      requireInProgress(id);
      calls.updateCallDetails(db, id, details, stamp());
      return view(id);
    },

    /** H: starts a hold segment, or ends the open one ("rep on line"). */
    toggleHold(id: number): CallView {
      requireInProgress(id);
      db.transaction(() => {
        if (!calls.endOpenHold(db, id, stamp())) calls.startHold(db, id, stamp());
      })();
      return view(id);
    },

    /** The call dropped: everything so far is kept, unanswered codes are partial, and a call-back is due today. */
    drop(id: number): CallView {
      const call = requireInProgress(id);
      const state = engineState(call);
      const outcomes = { ...state.outcomes };
      for (const code of codesWithoutOutcome(state)) outcomes[code] = 'partial';
      db.transaction(() => {
        calls.endOpenHold(db, id, stamp());
        calls.finishCall(db, id, {
          status: 'partial',
          endedAt: stamp(),
          stateJson: storedState({ ...state, outcomes }),
          nextAction: 'Call back: the call dropped before it was finished.',
          nextActionDue: localDate(now()),
          reverifyDate: null,
        });
      })();
      return view(id);
    },

    /** The Records list: newest first, narrowed by the words typed (patient, payer, plan, reference, code). */
    search(query: string): calls.CallListRow[] {
      // Only the last word is a prefix (it may still be being typed): a prefix of a common word
      // ("ref" of every reference number) would make the index merge a million entries.
      const match = buildMatchExpression(
        queryWords(query).map((w) => [w]),
        { prefixLast: true, mode: 'all' },
      );
      return calls.searchCalls(db, match || null, 200);
    },

    /** Calls left in progress (the app closed or crashed): offered for resuming where they were. */
    inProgress(): Array<{ id: number; patientId: number; startedAt: string }> {
      return calls
        .listCallsByStatus(db, 'in_progress')
        .map((c) => ({ id: c.id, patientId: c.patientId, startedAt: c.startedAt }));
    },

    complete(
      id: number,
      input: { nextAction: string; nextActionDue: string; reverifyDate: string | null },
    ): CallView {
      const call = requireInProgress(id);
      const state = engineState(call);
      if (!call.repName)
        throw new AppError('validation', "Add the rep's name before completing the call.", 'repName');
      if (!call.referenceNumber && !call.noReferenceReason) {
        throw new AppError(
          'validation',
          'Add the reference number, or why the rep gave none.',
          'referenceNumber',
        );
      }
      const outcomes = { ...state.outcomes };
      if (state.callOutcome) for (const code of state.codes) outcomes[code] ??= state.callOutcome;
      const missing = state.codes.filter((c) => !outcomes[c]);
      if (missing.length > 0) {
        throw new AppError(
          'validation',
          `Every code needs an outcome before the call is complete: ${missing.join(', ')} has none yet.`,
        );
      }
      const provenance = {
        source: 'call' as const,
        callId: id,
        repName: call.repName,
        referenceNumber: call.referenceNumber,
      };
      const plan = getPlanRow(db, call.planId)!;
      const script = scriptById(call.scriptId);
      db.transaction(() => {
        // Learn: every confirmed or corrected answer goes back into the plan, with this call as its source.
        const benefitPatch: Partial<PlanBenefits> = {};
        const policyPatches = new Map<string, Partial<PolicyValues>>();
        let factProvenance: number | null = null;
        for (const [key, answer] of Object.entries(state.answers)) {
          const [stepId, code] = key.split('@') as [string, string | undefined];
          const step = stepById(script, stepId);
          if (!step.learns) continue;
          const value = answerAsValue(step, answer);
          if (value === undefined) continue;
          if (step.learns.kind === 'fact') {
            factProvenance ??= insertProvenance(db, provenance, actor(), stamp());
            calls.upsertPlanFact(db, plan.id, code ?? null, stepId, answer, factProvenance, stamp());
            continue;
          }
          if (step.learns.kind === 'benefit')
            (benefitPatch as Record<string, unknown>)[step.learns.field] = value;
          else if (code)
            policyPatches.set(code, {
              ...(policyPatches.get(code) ?? {}),
              [step.learns.field]: value,
            });
        }
        if (Object.keys(benefitPatch).length > 0)
          policyService.setBenefits(plan.id, benefitPatch, provenance);
        for (const [code, patch] of policyPatches) policyService.setPolicy(plan.id, code, patch, provenance);
        calls.endOpenHold(db, id, stamp());
        const earliest = [...call.planned].map((p) => p.serviceDate).sort()[0]!;
        calls.finishCall(db, id, {
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
          insertPriorAuth(db, {
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
      })();
      return view(id);
    },

    amend(id: number, what: string, why: string): CallView {
      const call = requireCall(id);
      if (call.status === 'in_progress')
        throw new AppError('conflict', 'The call is still open: change the answer itself.');
      calls.insertAmendment(db, id, { amendedAt: stamp(), amendedBy: actor(), what, why });
      return view(id);
    },

    /** How many answers were asked from scratch (no known answer to confirm), for measuring learning. */
    fromScratchCount(id: number): { fromScratch: number; confirmed: number } {
      const rows = calls.listAnswers(db, id);
      return {
        fromScratch: rows.filter((r) => !r.wasKnown).length,
        confirmed: rows.filter((r) => r.wasKnown).length,
      };
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
