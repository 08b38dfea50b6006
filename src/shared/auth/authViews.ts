// Users, sign-in and the session as the window sees them. Passwords only ever travel inward.
import { z } from 'zod';

export const ROLES = ['front_desk', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { front_desk: 'Front desk', admin: 'Administrator' };

// Letters, digits and . _ - only: no look-alike or invisible characters in a name people type to sign in.
const username = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, 'Enter a user name.')
  .max(60)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'Use letters, digits, dots, dashes or underscores only.');
const displayName = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, 'Enter the person’s name.')
  .max(100)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'The name contains an invisible character.');
// Length rules live in main (so the message can say why); here only a bound.
const password = z.string().min(1, 'Enter the password.').max(200);

export const setupSchema = z.strictObject({ username, displayName, password });
export const signInSchema = z.strictObject({ username, password });
export const unlockSchema = z.strictObject({ password });

export const sessionStatusSchema = z.strictObject({
  /**
   * recovery: the data was made on another computer and waits for the practice's recovery code;
   * damaged: the database failed its checks at start and waits for a backup to be restored;
   * setup: no user exists yet; signed_out; locked: a user is signed in but must re-enter the password.
   */
  state: z.enum(['recovery', 'damaged', 'setup', 'signed_out', 'locked', 'open']),
  user: z.strictObject({ displayName: z.string(), role: z.enum(ROLES) }).nullable(),
  lockAfterMinutes: z.number().int(),
  /**
   * Locked while the signed-in person's call is on hold: the lock screen says so and counts the hold,
   * and unlocking goes back to that call. Times and an id only: nothing about the patient.
   */
  callOnHold: z.strictObject({ callId: z.number().int().positive(), holdSince: z.string() }).nullable(),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const userSchema = z.strictObject({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const saveUserSchema = z.strictObject({
  id: z.number().int().positive().nullable(),
  username,
  displayName,
  role: z.enum(ROLES),
  active: z.boolean(),
  /** Required for a new user; null keeps the current password. */
  password: password.nullable(),
});
export type SaveUser = z.infer<typeof saveUserSchema>;

export const auditFilterSchema = z.strictObject({
  userName: z.string().trim().max(100).nullable(),
  action: z.string().trim().max(40).nullable(),
  from: z.iso.date().nullable(),
  to: z.iso.date().nullable(),
  /** Only rows about this patient (their record, coverages, calls, estimates, GFEs, PA items). */
  patientId: z.number().int().positive().nullable().optional(),
});
export type AuditFilterInput = z.infer<typeof auditFilterSchema>;

export const auditRowSchema = z.strictObject({
  id: z.number().int(),
  tsUtc: z.string(),
  userName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  detailJson: z.string(),
  /** The patient the row is about, named for the administrator reading the trail (not stored in it). */
  patientId: z.number().int().nullable(),
  patientName: z.string().nullable(),
});
export type AuditRowView = z.infer<typeof auditRowSchema>;

export const chainCheckSchema = z.strictObject({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadId: z.number().int().nullable(),
  /** What is wrong, in words; null when the check passed. */
  problem: z.string().nullable(),
  /** Entries up to this id were signed on another computer (before a takeover): only their links are checked here. */
  signedElsewhereThrough: z.number().int().nullable(),
});
export type ChainCheckView = z.infer<typeof chainCheckSchema>;
