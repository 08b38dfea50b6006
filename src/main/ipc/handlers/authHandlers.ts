// Sign-in and the session, user accounts, the audit trail viewer, and the recovery code.
import type { AuditFilterInput } from '../../../shared/auth/authViews';
import { localDate } from '../../../shared/dates/localDate';
import { exportCsv } from '../../../shared/csv/csvExports';
import type { RawNumber } from '../../../shared/csv/writeCsv';
import { AppError } from '../../../shared/ipc/result';
import {
  listAudit,
  recordAudit,
  unacknowledgedEmergencyAccess,
  verifyAuditChain,
  type AuditFilter,
} from '../../audit/auditLog';
import type { SessionService } from '../../auth/sessionService';
import type { UserService } from '../../auth/userService';
import type { AppDb } from '../../db/appDb';
import type { KeyRing } from '../../security/keyRing';
import type { FilePort } from '../../services/ports';
import type { HandlerMap } from '../dispatch';

type AuthChannels =
  | 'session:status'
  | 'session:setup'
  | 'session:signIn'
  | 'session:unlock'
  | 'session:lock'
  | 'session:signOut'
  | 'users:list'
  | 'users:save'
  | 'audit:list'
  | 'audit:verify'
  | 'audit:export'
  | 'security:recoveryCode'
  | 'security:recoveryCodeStored'
  | 'session:recover'
  | 'startup:damage'
  | 'startup:chooseBackup'
  | 'startup:restore'
  | 'security:changeKey'
  | 'security:emergencyAccess'
  | 'security:acknowledgeEmergencyAccess';

/** Dates are local calendar days; the log stores UTC instants, so the day's bounds are widened to cover it. */
function toFilter(input: AuditFilterInput, limit: number): AuditFilter {
  return {
    userName: input.userName || null,
    action: input.action || null,
    patientId: input.patientId ?? null,
    from: input.from ? new Date(`${input.from}T00:00:00`).toISOString() : null,
    to: input.to ? new Date(`${input.to}T23:59:59.999`).toISOString() : null,
    limit,
  };
}

/** Rows the audit screen reads at once (a call's answers are shown as one group of up to ~50 rows). */
export const AUDIT_SCREEN_ROWS = 2000;

const alreadyOpen = (): never => {
  throw new AppError('validation', 'The data is already open: there is nothing to recover.');
};

export function authHandlers(
  db: AppDb,
  session: SessionService,
  users: UserService,
  keys: KeyRing,
  files: FilePort,
  now: () => Date,
  /** Re-encrypts the backups after a key change; says how many, and which folders were not there. */
  afterKeyChange: () => Promise<{ reencrypted: number; notReached: string[] }>,
): Pick<HandlerMap, AuthChannels> {
  return {
    'security:recoveryCode': () => ({ code: keys.recoveryCodePending() }),
    'security:recoveryCodeStored': () => {
      keys.markRecoveryStored();
      return { stored: true as const };
    },
    // Asynchronous (the OS wraps the new key) and outside any transaction (rekey needs the file to
    // itself), so it is audited here rather than by the guard.
    'security:changeKey': async () => {
      const ids = await db.exclusive((sqlite) => keys.rotate(sqlite));
      // The backups the old recovery code would still open get the new key too (ENC-8).
      const { reencrypted, notReached } = await afterKeyChange();
      await recordAudit(
        db,
        {
          who: session.current(),
          action: 'change',
          entity: 'database_key',
          detail: {
            fromKey: ids.from,
            toKey: ids.to,
            backupsReencrypted: reencrypted,
            foldersNotReached: notReached.length,
          },
        },
        now(),
      );
      return { changed: true as const, backupsReencrypted: reencrypted, foldersNotReached: notReached };
    },
    'security:emergencyAccess': async () => ({ notice: await unacknowledgedEmergencyAccess(db) }),
    'security:acknowledgeEmergencyAccess': async ({ id }) => {
      if ((await unacknowledgedEmergencyAccess(db))?.id !== id)
        throw new AppError('validation', 'That recovery-code use is not waiting to be acknowledged.', 'id');
      return { acknowledged: true as const };
    },
    'session:status': () => session.status(),
    'session:setup': (input) => session.setup(input),
    // The startup channels answer only before the database opens (startupDispatch.ts).
    'session:recover': alreadyOpen,
    'startup:damage': alreadyOpen,
    'startup:chooseBackup': alreadyOpen,
    'startup:restore': alreadyOpen,
    'session:signIn': (input) => session.signIn(input),
    'session:unlock': (input) => session.unlock(input),
    'session:lock': () => session.lock('user'),
    'session:signOut': () => session.signOut(),
    'users:list': () => users.list(),
    'users:save': (input) => users.save(input),
    'audit:list': async (filter) =>
      (await listAudit(db, toFilter(filter, AUDIT_SCREEN_ROWS))).map(
        ({ prevHash: _p, hash: _h, userId: _u, ...row }) => row,
      ),
    'audit:verify': async () => {
      const { ok, checked, firstBadId, problem, signedElsewhereThrough } = await verifyAuditChain(db);
      return { ok, checked, firstBadId, problem, signedElsewhereThrough };
    },
    'audit:export': async (filter) => {
      const rows = await listAudit(db, toFilter(filter, 1_000_000));
      const num = (n: number | null): RawNumber | string => (n === null ? '' : { number: String(n) });
      const csv = exportCsv(
        'auditTrail',
        rows.map((r) => ({
          id: num(r.id),
          time_utc: r.tsUtc,
          user: r.userName,
          action: r.action,
          entity: r.entity,
          entity_id: num(r.entityId),
          detail: r.detailJson,
          hash: r.hash,
        })),
      );
      return { savedTo: await files.save(`verifydesk-audit-${localDate(now())}.csv`, csv) };
    },
  };
}
