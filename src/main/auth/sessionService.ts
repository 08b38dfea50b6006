// Who is using VerifyDesk right now, held in main (the renderer is never trusted with it): first-run
// setup of the administrator, sign-in with a back-off after repeated failures, the automatic lock after
// idle minutes, unlock, sign-out. The dispatcher asks `authorize` before every channel.
import { AppError } from '../../shared/ipc/result';
import type { Role, SessionStatus } from '../../shared/auth/authViews';
import { appendAudit, recordAudit } from '../audit/auditLog';
import type { AppDb } from '../db/appDb';
import {
  countUsers,
  findUserByName,
  getUser,
  insertUser,
  updatePasswordHash,
} from '../db/repositories/userRepo';
import { assertPasswordStrength, hashPassword, needsRehash, verifyPassword } from './passwords';

export interface SessionUser {
  id: number;
  displayName: string;
  role: Role;
}

/** Who may call a channel: anyone (sign-in itself), any signed-in unlocked user, or administrators. */
export type Access = 'open' | 'user' | 'admin';

const MAX_FAILURES = 5;
const BACKOFF_MS = 5 * 60_000;
const WRONG = 'That user name and password do not match. Check Caps Lock and try again.';

export interface SessionService {
  status(): Promise<SessionStatus>;
  setup(input: { username: string; displayName: string; password: string }): Promise<SessionStatus>;
  signIn(input: { username: string; password: string }): Promise<SessionStatus>;
  unlock(input: { password: string }): Promise<SessionStatus>;
  lock(reason: 'user' | 'idle'): Promise<SessionStatus>;
  signOut(): Promise<SessionStatus>;
  /** Throws `locked` or `forbidden` unless the current session may use a channel of this access. */
  authorize(access: Access): Promise<void>;
  /** A user-initiated call: restarts the idle clock. */
  touch(): void;
  current(): SessionUser | null;
}

/** The person's call left on hold, if any (callRepo.findCallOnHold). */
export type CallOnHold = NonNullable<SessionStatus['callOnHold']>;

export function createSessionService(deps: {
  db: AppDb;
  now: () => Date;
  lockAfterMinutes: () => number;
  /**
   * The call the signed-in person has on hold. A hold does not put off the automatic lock (a person on
   * a long hold may well walk away, and the screen shows a patient): the lock comes on time, the call,
   * its timers and answers stay as they are, and the lock screen says a call is on hold.
   */
  callOnHold?: (staffUser: string) => Promise<CallOnHold | null>;
}): SessionService {
  const { db, now } = deps;
  let user: SessionUser | null = null;
  let locked = false;
  let lastActivity = now().getTime();
  const failures = new Map<string, { count: number; until: number }>();
  // Compared against for unknown user names, so they cost the same scrypt work as a wrong password.
  let dummyHash: Promise<string> | null = null;

  const audit = (
    action: string,
    who: SessionUser | null,
    detail: Record<string, unknown> = {},
    name?: string,
  ) => recordAudit(db, { who, otherwise: name, action, entity: 'session', detail }, now());

  function idleExpired(): boolean {
    return user !== null && !locked && now().getTime() - lastActivity >= deps.lockAfterMinutes() * 60_000;
  }

  const heldCall = async (): Promise<CallOnHold | null> =>
    (user && (await deps.callOnHold?.(user.displayName))) ?? null;

  /** A lock while a call is on hold says so in the audit trail (the call's id; nothing about the patient). */
  async function lockNow(reason: 'user' | 'idle'): Promise<void> {
    locked = true;
    const held = await heldCall();
    await audit('lock', user, held ? { reason, callOnHold: held.callId } : { reason });
  }

  async function applyIdle(): Promise<void> {
    if (idleExpired()) await lockNow('idle');
  }

  async function status(): Promise<SessionStatus> {
    await applyIdle();
    const state =
      user === null ? ((await countUsers(db)) === 0 ? 'setup' : 'signed_out') : locked ? 'locked' : 'open';
    return {
      state,
      user: user && { displayName: user.displayName, role: user.role },
      lockAfterMinutes: deps.lockAfterMinutes(),
      callOnHold: state === 'locked' ? await heldCall() : null,
    };
  }

  /** Verifies a password for a user name with the back-off; the error never says which part was wrong. */
  async function attempt(username: string, password: string): Promise<SessionUser> {
    const key = username.normalize('NFC').toLowerCase();
    const failure = failures.get(key);
    const at = now().getTime();
    // What was typed is written only when it names an account: a password typed into the user-name field
    // must not land in the audit trail.
    const row = await findUserByName(db, key);
    const named = row ? row.username : 'unknown user name';
    if (failure && failure.count >= MAX_FAILURES && at < failure.until) {
      await audit('sign_in_refused', null, { reason: 'backoff' }, named);
      const minutes = Math.ceil((failure.until - at) / 60_000);
      throw new AppError(
        'forbidden',
        `Too many wrong passwords for this user. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator.`,
      );
    }
    const hash = row?.active ? row.passwordHash : await (dummyHash ??= hashPassword('not a real password'));
    const ok = (await verifyPassword(password, hash)) && row?.active === true;
    if (!ok || !row) {
      const count = (failure && at < failure.until ? failure.count : 0) + 1;
      failures.set(key, { count, until: at + BACKOFF_MS });
      await audit('sign_in_failed', null, { attempt: count }, named);
      throw new AppError('validation', WRONG, 'password');
    }
    failures.delete(key);
    if (needsRehash(row.passwordHash)) {
      const upgraded = await hashPassword(password);
      await db.tx(() => updatePasswordHash(db, row.id, upgraded, now().toISOString()));
    }
    return { id: row.id, displayName: row.displayName, role: row.role };
  }

  return {
    status,

    async setup(input) {
      if ((await countUsers(db)) > 0)
        throw new AppError('conflict', 'VerifyDesk is already set up. Sign in with your own account.');
      assertPasswordStrength(input.password);
      const hash = await hashPassword(input.password);
      const stamp = now().toISOString();
      const created = await db.tx(async () => {
        // Checked again inside the transaction: two setup windows cannot both create the first admin.
        if ((await countUsers(db)) > 0) throw new AppError('conflict', 'VerifyDesk is already set up.');
        const id = await insertUser(db, { ...input, role: 'admin', passwordHash: hash }, stamp);
        const admin: SessionUser = { id, displayName: input.displayName, role: 'admin' };
        await appendAudit(db, { who: admin, action: 'setup', entity: 'user', entityId: id }, now());
        return admin;
      });
      user = created;
      locked = false;
      lastActivity = now().getTime();
      return status();
    },

    async signIn(input) {
      const signedIn = await attempt(input.username, input.password);
      // Recorded before the session opens: when the audit trail cannot be written (a full disk, a
      // read-only file) nobody is signed in unseen, and the screen's "failed" is the truth.
      await audit('sign_in', signedIn);
      user = signedIn;
      locked = false;
      lastActivity = now().getTime();
      return status();
    },

    async unlock(input) {
      if (!user) throw new AppError('locked', 'Sign in first.');
      const row = await getUser(db, user.id);
      if (!row) throw new AppError('locked', 'Sign in first.');
      await attempt(row.username, input.password);
      await audit('unlock', user); // before unlocking, like sign-in
      locked = false;
      lastActivity = now().getTime();
      return status();
    },

    async lock(reason) {
      await applyIdle();
      if (user && !locked) await lockNow(reason);
      return status();
    },

    async signOut() {
      const leaving = user;
      // The session closes first, whatever happens to its audit row: a full or read-only disk must not
      // keep someone signed in who asked to leave.
      user = null;
      locked = false;
      if (leaving) {
        try {
          await audit('sign_out', leaving);
        } catch (error) {
          console.error(
            `VerifyDesk: the sign-out could not be recorded (${error instanceof Error ? error.name : typeof error})`,
          );
        }
      }
      return status();
    },

    async authorize(access) {
      if (access === 'open') return;
      await applyIdle();
      // The account as it is now: an administrator who turned their own rights or account off (or was
      // turned off by another) does not keep them until they sign out.
      if (user) {
        const row = await getUser(db, user.id);
        if (!row?.active) {
          user = null;
          locked = false;
          throw new AppError('locked', 'This account is turned off. Ask an administrator.');
        }
        user = { ...user, role: row.role, displayName: row.displayName };
      }
      if (!user || locked) {
        throw new AppError(
          'locked',
          user ? 'VerifyDesk is locked. Enter your password to go on.' : 'Sign in to use VerifyDesk.',
        );
      }
      if (access === 'admin' && user.role !== 'admin')
        throw new AppError('forbidden', 'Only an administrator can do this.');
    },

    touch() {
      lastActivity = now().getTime();
    },

    current: () => (user && !locked ? user : null),
  };
}
