// What the call screen sends and receives.
import { z } from 'zod';
import { cdtCode, frequencySchema, id, isoDate } from '../policy/policyTypes';
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
});

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
  patient: z.strictObject({ id, name: z.string() }),
  plan: z.strictObject({ id, payerName: z.string(), planName: z.string() }),
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
      say: z.string(),
      type: z.string(),
      choices: z.array(z.strictObject({ value: z.string(), label: z.string() })),
      code: z.string().nullable(),
      /** What the plan already says, to confirm with one key. */
      known: z.strictObject({ answer: answerSchema, source: z.string() }).nullable(),
    })
    .nullable(),
  answers: z.array(
    z.strictObject({
      key: z.string(),
      say: z.string(),
      answer: answerSchema,
      /** The words of a choice answer ("PPO", not "ppo"); null for other answer types. */
      choiceLabel: z.string().nullable(),
      wasKnown: z.boolean(),
      answeredAt: z.string(),
    }),
  ),
  trail: z.array(z.strictObject({ label: z.string() })),
  outcomes: z.record(z.string(), outcome),
  callOutcome: outcome.nullable(),
  nextAction: z.string().nullable(),
  nextActionDue: z.string().nullable(),
  reverifyDate: z.string().nullable(),
  amendments: z.array(
    z.strictObject({ amendedAt: z.string(), amendedBy: z.string(), what: z.string(), why: z.string() }),
  ),
});
export type CallView = z.infer<typeof callViewSchema>;

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
