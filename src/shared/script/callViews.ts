// What the call screen sends and receives.
import { z } from 'zod';
import { cdtCode, frequencySchema, id, isoDate } from '../policy/policyTypes';
import type { Payer } from '../policy/policyViews';
import { OUTCOMES } from './scriptTypes';

const shortText = z.string().trim().max(500).nullable();

/** A typed answer from the renderer: validated here, and again against the current step in main. */
export const answerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('yes_no_unknown'), value: z.enum(['yes', 'no', 'unknown']) }),
  z.strictObject({ type: z.literal('money'), value: z.number().int().min(0).max(100_000_000).nullable() }),
  z.strictObject({ type: z.literal('percent'), value: z.number().int().min(0).max(10_000).nullable() }),
  z.strictObject({ type: z.literal('date'), value: isoDate.nullable() }),
  z.strictObject({ type: z.literal('frequency'), value: frequencySchema.nullable() }),
  z.strictObject({ type: z.literal('choice'), value: z.string().min(1).max(60) }),
  z.strictObject({ type: z.literal('text'), value: shortText }),
  z.strictObject({ type: z.literal('phone'), value: z.string().trim().max(40).nullable() }),
  z.strictObject({ type: z.literal('reference'), value: z.string().trim().max(60).nullable() }),
]);

export const plannedCodeSchema = z.strictObject({
  code: cdtCode,
  tooth: z.string().trim().max(20).nullable(),
  serviceDate: isoDate,
});

export const startCallSchema = z.strictObject({
  patientId: id,
  planId: id,
  planned: z.array(plannedCodeSchema).min(1, 'Add at least one planned code.').max(20),
  dialedNumber: z.string().trim().max(40).nullable(),
  /** The person saw the warnings (a date of service outside the coverage's dates) and starts anyway. */
  acceptWarnings: z.boolean().optional(),
});

/** What is wrong before dialling: problems stop the call; warnings need the person's go-ahead. */
export const callPreflightSchema = z.strictObject({
  problems: z.array(z.strictObject({ field: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
});
export type CallPreflight = z.infer<typeof callPreflightSchema>;

/** The medical-plan branch: a linked call to the patient's medical plan about the codes dental refused. */
export const startMedicalCallSchema = z.strictObject({
  dentalCallId: id,
  planId: id,
  dialedNumber: z.string().trim().max(40).nullable(),
});

export const callDetailsSchema = z.strictObject({
  repName: shortText,
  referenceNumber: z.string().trim().max(60).nullable(),
  noReferenceReason: shortText,
  dialedNumber: z.string().trim().max(40).nullable(),
  ivrNotes: z.string().trim().max(2000).nullable(),
});

export const completeCallSchema = z.strictObject({
  nextAction: z.string().trim().min(1, 'Say what happens next.').max(500),
  nextActionDue: isoDate,
  reverifyDate: isoDate.nullable(),
});

const outcome = z.enum(OUTCOMES);

/** How an answer compares with what was on file when it was given. */
export const COMPARISONS = ['new', 'confirmed', 'changed', 'not_known', 'was_on_file'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** What was on file for a question: its words and where it came from. */
const onFileSchema = z.strictObject({
  /** The value in words ("$50.00", "1 per lifetime"). */
  text: z.string(),
  /** Where it came from ("confirmed 11/02/2026, Denise K, ref 4471"). */
  source: z.string(),
});

export const callViewSchema = z.strictObject({
  id,
  status: z.enum(['in_progress', 'partial', 'completed']),
  /** Dental verification, or the medical-plan call linked to one (medicalCallOf). */
  kind: z.enum(['dental', 'medical']),
  medicalCallOf: id.nullable(),
  /** Medical-plan calls started from this dental call. */
  medicalCalls: z.array(id),
  /** Codes the dental plan refused on this finished call, to ask the medical plan about. */
  medicalCodes: z.array(cdtCode),
  patient: z.strictObject({ id, name: z.string(), dob: z.string() }),
  plan: z.strictObject({
    id,
    payerName: z.string(),
    planName: z.string(),
    groupNumber: z.string().nullable(),
    /** The payer's number on file for this kind of call (dialledNumberFor). */
    payerPhone: z.string().nullable(),
  }),
  /** The office identifiers reps ask for (Settings); null until the practice fills them in. */
  office: z.strictObject({ npi: z.string().nullable(), tin: z.string().nullable() }),
  /** Who the payer looks the member up by (the chart copy shows it whole). Null: no coverage on file. */
  member: z
    .strictObject({
      memberId: z.string(),
      subscriberName: z.string(),
      subscriberDob: z.string().nullable(),
      relationship: z.enum(['self', 'spouse', 'child', 'other']),
    })
    .nullable(),
  planned: z.array(plannedCodeSchema),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  staffUser: z.string(),
  repName: z.string().nullable(),
  referenceNumber: z.string().nullable(),
  noReferenceReason: z.string().nullable(),
  dialedNumber: z.string().nullable(),
  ivrNotes: z.string().nullable(),
  holds: z.array(z.strictObject({ startedAt: z.string(), endedAt: z.string().nullable() })),
  onHold: z.boolean(),
  current: z
    .strictObject({
      key: z.string(),
      stepId: z.string(),
      section: z.string(),
      label: z.string(),
      question: z.string(),
      say: z.string(),
      type: z.string(),
      choices: z.array(z.strictObject({ value: z.string(), label: z.string() })),
      code: z.string().nullable(),
      /** What is on file for this question. */
      known: z
        .strictObject({
          /** The answer to confirm with one key; null when it must be asked again (a patient's answers). */
          answer: answerSchema.nullable(),
          text: z.string(),
          source: z.string(),
          status: z.enum(['known', 'stale', 'conflict']),
          /** When reps disagreed: each answer with who gave it. */
          conflict: z.array(z.string()),
        })
        .nullable(),
      /**
       * The plan's answers on file from this question on, read to the rep as one list and confirmed at
       * once (call:confirmOnFile); null when this question is asked on its own.
       */
      onFileList: z
        .array(
          z.strictObject({
            key: z.string(),
            label: z.string(),
            question: z.string(),
            code: z.string().nullable(),
            section: z.string(),
            words: z.string(),
            source: z.string(),
            /** Past the re-verify window: worth a clear "still right?". */
            stale: z.boolean(),
          }),
        )
        .nullable(),
    })
    .nullable(),
  answers: z.array(
    z.strictObject({
      key: z.string(),
      label: z.string(),
      question: z.string(),
      code: z.string().nullable(),
      answer: answerSchema,
      /** The answer in words ("PPO", "$1,500.00", "01/15/2027"). */
      words: z.string(),
      /** Null for questions that record nothing about the plan or the patient. */
      comparison: z.enum(COMPARISONS).nullable(),
      onFile: onFileSchema.nullable(),
      /** When a changed answer was read back to the rep and confirmed. */
      readBackAt: z.string().nullable(),
      answeredAt: z.string(),
    }),
  ),
  /** A changed answer not yet read back: the caller reads it back before moving on. */
  pendingReadBack: z
    .strictObject({ key: z.string(), label: z.string(), was: onFileSchema, now: z.string() })
    .nullable(),
  /** Questions answered so far, in order, for going back to one (by its answer's key). */
  trail: z.array(z.strictObject({ key: z.string(), label: z.string() })),
  outcomes: z.record(z.string(), outcome),
  callOutcome: outcome.nullable(),
  /** Per planned code, the answers that decide what the patient owes, for the record's summary. */
  codeSummary: z.array(
    z.strictObject({
      code: cdtCode,
      outcome: outcome.nullable(),
      items: z.array(
        z.strictObject({
          label: z.string(),
          words: z.string(),
          comparison: z.enum(COMPARISONS).nullable(),
          was: z.string().nullable(),
        }),
      ),
    }),
  ),
  /** What the desk should do next, proposed from the outcomes (the person may change it). */
  suggestedNext: z.strictObject({ action: z.string(), due: isoDate }),
  /** How the answers compared with the file: the measure of what the call learned. */
  learning: z.strictObject({
    new: z.number().int(),
    confirmed: z.number().int(),
    changed: z.number().int(),
    notKnown: z.number().int(),
  }),
  nextAction: z.string().nullable(),
  nextActionDue: z.string().nullable(),
  reverifyDate: z.string().nullable(),
  amendments: z.array(
    z.strictObject({ amendedAt: z.string(), amendedBy: z.string(), what: z.string(), why: z.string() }),
  ),
});
export type CallView = z.infer<typeof callViewSchema>;

/**
 * The number to dial for a call: the payer's benefits line for a dental verification, its medical line
 * (or the benefits line when it has none) for a medical-plan call.
 */
export function dialledNumberFor(
  payer: Pick<Payer, 'phoneBenefits' | 'phoneMedical'>,
  kind: 'dental' | 'medical',
): string | null {
  return (kind === 'medical' ? (payer.phoneMedical ?? payer.phoneBenefits) : payer.phoneBenefits) ?? null;
}

/** The plan's answers on file the rep confirmed at once: the keys confirmed; the others are asked. */
export const confirmOnFileSchema = z.strictObject({
  id,
  keys: z.array(z.string().min(1).max(80)).max(500),
});

/** One row of the Records list. */
export const callListItemSchema = z.strictObject({
  id,
  status: z.enum(['in_progress', 'partial', 'completed']),
  startedAt: z.string(),
  patientName: z.string(),
  payerName: z.string(),
  planName: z.string(),
  planned: z.array(plannedCodeSchema),
  referenceNumber: z.string().nullable(),
  nextActionDue: z.string().nullable(),
});
export type CallListItem = z.infer<typeof callListItemSchema>;
