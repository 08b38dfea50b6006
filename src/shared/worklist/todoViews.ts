// The one to-do list: next steps of calls, call-backs of dropped calls, prior authorizations to submit or
// chase, and appointments to re-verify. Items come from those records; what a person decides about an item
// (who owns it, done, snoozed until a day) is kept beside them with its history.
import { z } from 'zod';
import { id, isoDate } from '../policy/policyTypes';

export const TODO_KINDS = ['call_next_step', 'call_back', 'pa_submit', 'pa_decision', 'reverify'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const TODO_KIND_LABELS: Record<TodoKind, string> = {
  call_next_step: 'Next step of a call',
  call_back: 'Call back (call dropped)',
  pa_submit: 'Prior authorization to submit',
  pa_decision: 'Prior authorization decision',
  reverify: 'Verify before the appointment',
};

/** Keys name the record an item comes from: "call:12", "pa:7:submit", "reverify:3:2:2026-12-24". */
export const todoKey = z
  .string()
  .regex(/^(call:\d+|pa:\d+:(submit|decision)|reverify:\d+:\d+:\d{4}-\d{2}-\d{2})$/);

export const todoItemSchema = z.strictObject({
  key: todoKey,
  kind: z.enum(TODO_KINDS),
  title: z.string(),
  /** Why it is on the list, in words. */
  detail: z.string(),
  due: isoDate,
  patientId: id,
  patientName: z.string(),
  planId: id,
  payerName: z.string(),
  codes: z.array(z.string()),
  serviceDate: isoDate.nullable(),
  callId: id.nullable(),
  priorAuthId: id.nullable(),
  owner: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  snoozedUntil: isoDate.nullable(),
  /** The mark's version: an update made from an older copy is refused with who changed it. */
  version: z.number().int().min(0),
  /** "Verify now" starts a call with these filled in. */
  canVerify: z.boolean(),
});
export type TodoItem = z.infer<typeof todoItemSchema>;

export const todoUpdateSchema = z.strictObject({
  key: todoKey,
  version: z.number().int().min(0),
  owner: z.string().trim().min(1).max(100).nullable().optional(),
  done: z.boolean().optional(),
  snoozedUntil: isoDate.nullable().optional(),
});
export type TodoUpdate = z.infer<typeof todoUpdateSchema>;
