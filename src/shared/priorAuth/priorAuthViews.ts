// Prior-authorization items: what the screen shows and what it may change, and the worklist flags.
import { z } from 'zod';
import { daysBetween } from '../dates/calendar';
import { cdtCode, id, isoDate } from '../policy/policyTypes';

export const PA_STATUSES = [
  'to_submit',
  'submitted',
  'more_info',
  'approved',
  'denied',
  'appeal',
  'expired',
] as const;
export type PaStatus = (typeof PA_STATUSES)[number];

export const PA_STATUS_LABELS: Record<PaStatus, string> = {
  to_submit: 'To submit',
  submitted: 'Submitted',
  more_info: 'More information requested',
  approved: 'Approved',
  denied: 'Denied',
  appeal: 'Under appeal',
  expired: 'Expired',
};

const optionalText = (max: number) =>
  z.string().trim().max(max, `Keep this to ${max} characters or fewer.`).nullable();

export const priorAuthPatchSchema = z.strictObject({
  status: z.enum(PA_STATUSES),
  method: optionalText(40),
  contact: optionalText(500),
  attachments: optionalText(1000),
  submittedOn: isoDate.nullable(),
  decisionExpectedOn: isoDate.nullable(),
  authNumber: optionalText(60),
  approvedUnits: z.number().int().min(1).max(99).nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
});
export type PriorAuthPatch = z.infer<typeof priorAuthPatchSchema>;

export const PA_FLAGS = [
  'submit',
  'decision_overdue',
  'not_decided_by_appointment',
  'expires_before_appointment',
] as const;
export type PaFlag = (typeof PA_FLAGS)[number];

export const priorAuthSchema = z.strictObject({
  ...priorAuthPatchSchema.shape,
  id,
  callId: id,
  patientName: z.string(),
  /** Whose request it is, to tell two patients of the same name apart on the form. */
  patientDob: isoDate,
  payerId: id,
  payerName: z.string(),
  /** The payer's prior-authorization line and portal, to chase a decision from the worklist. */
  payerPaPhone: z.string().nullable(),
  payerPortalUrl: z.string().nullable(),
  code: cdtCode,
  serviceDate: isoDate,
  updatedAt: z.string(),
  /** Bumped on every change; an edit sends the version it was made from, and an older one is refused. */
  version: z.number().int().min(1),
  flags: z.array(z.enum(PA_FLAGS)),
});
export type PriorAuth = z.infer<typeof priorAuthSchema>;

/** One line of an item's append-only history: a status it moved to, or a call that found it again. */
export const priorAuthEventSchema = z.strictObject({
  at: z.string(),
  byUser: z.string(),
  status: z.enum(PA_STATUSES),
  note: z.string().nullable(),
});
export type PriorAuthEvent = z.infer<typeof priorAuthEventSchema>;

const DECIDED: readonly PaStatus[] = ['approved', 'denied', 'expired'];

/** What needs attention on an item today, most urgent first. */
export function paFlags(
  item: Pick<PriorAuth, 'status' | 'serviceDate' | 'decisionExpectedOn' | 'validTo'>,
  today: string,
): PaFlag[] {
  const flags: PaFlag[] = [];
  if (item.status === 'to_submit') flags.push('submit');
  const waiting = !DECIDED.includes(item.status) && item.status !== 'to_submit';
  if (waiting && item.decisionExpectedOn && daysBetween(item.decisionExpectedOn, today) > 0)
    flags.push('decision_overdue');
  // Undecided with the appointment coming: no decision date, or one on or after the appointment.
  if (
    !DECIDED.includes(item.status) &&
    (item.decisionExpectedOn === null || daysBetween(item.serviceDate, item.decisionExpectedOn) >= 0)
  )
    flags.push('not_decided_by_appointment');
  if (item.status === 'approved' && item.validTo && daysBetween(item.serviceDate, item.validTo) < 0)
    flags.push('expires_before_appointment');
  return flags;
}

export const PA_FLAG_LABELS: Record<PaFlag, string> = {
  submit: 'Submit the request',
  decision_overdue: 'Decision overdue: call the payer',
  not_decided_by_appointment: 'May not be decided by the appointment',
  expires_before_appointment: 'Approval ends before the appointment',
};
