// "Use this office database on this computer": before anything is saved, the database is checked, the
// office key settled (a new office makes one; joining an office with a trail needs the key its trail is
// signed with), and the database opened once as this desk will open it at every start, so an older
// schema is brought up to date now, while an administrator is at the screen, not at a morning start.
import type { OfficeDatabaseSettings } from '../../../shared/settings/officeDatabase';
import { AppError } from '../../../shared/ipc/result';
import { newAuditKey, auditKeyFrom, type AuditKey } from '../../audit/auditChain';
import type { AppDb } from '../appDb';
import { keyFromRecoveryCode } from '../../security/dbKey';
import { checkOfficeDatabase, officeConnection, withServer } from './checkOfficeDatabase';
import { openOfficeDatabase } from './openOfficeDatabase';
import { describeConnection, INSUFFICIENT_PRIVILEGE } from './pgAppDb';

/** The key id of the trail's last entry on the server, or null when the trail is empty. */
/** The id of the key the trail's last entry is signed with; null when the trail is empty. */
export async function trailSigningKeyId(db: AppDb): Promise<string | null> {
  const last = await db.q
    .selectFrom('audit_log')
    .select('mac_key')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last === undefined ? null : (last.mac_key ?? '');
}

/** A well-formed office key that does not sign this trail (said when choosing and when merging). */
export const NOT_THIS_OFFICES_KEY =
  "that is a valid key, but not this office database's: its audit trail is signed with another one. Copy the office key again from a computer that uses this database.";

export function officeKeyFromCode(code: string): AuditKey {
  const key = keyFromRecoveryCode(code);
  if (!key)
    throw new AppError(
      'validation',
      'That office key is mistyped: it is 56 letters and digits in groups of five, as Settings shows it on a computer that uses the office database.',
      'officeKey',
    );
  return auditKeyFrom(key);
}

/**
 * The office key this computer will sign the office trail with, once the database is checked usable and
 * opened (and upgraded) the way a desk opens it. Throws an AppError in words an administrator can act on.
 */
export async function chooseOfficeDatabase(
  settings: OfficeDatabaseSettings,
  officeKeyCode: string,
  now: () => Date,
): Promise<AuditKey> {
  const check = await checkOfficeDatabase(settings);
  if (check.outcome === 'empty')
    throw new AppError(
      'conflict',
      `${check.message} Create it first (or move this computer's data there), then choose it.`,
    );
  if (check.outcome !== 'ready' && check.outcome !== 'older') throw new AppError('conflict', check.message);

  const signedWith = await withServer(settings, trailSigningKeyId);
  let officeKey: AuditKey;
  if (signedWith === null) {
    // A new office: the first computer makes the key (or takes one typed for it).
    officeKey = officeKeyCode === '' ? newAuditKey() : officeKeyFromCode(officeKeyCode);
  } else {
    if (officeKeyCode === '')
      throw new AppError(
        'validation',
        'This office database already has an audit trail: type its office key. An administrator finds it in Settings, Office database, on a computer that uses it.',
        'officeKey',
      );
    officeKey = officeKeyFromCode(officeKeyCode);
    if (signedWith !== officeKey.id)
      throw new AppError(
        'validation',
        NOT_THIS_OFFICES_KEY.charAt(0).toUpperCase() + NOT_THIS_OFFICES_KEY.slice(1),
        'officeKey',
      );
  }

  try {
    const opened = await openOfficeDatabase(officeConnection(settings), now, officeKey, {
      applicationName: 'VerifyDesk connection check',
    });
    await opened.db.close();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === INSUFFICIENT_PRIVILEGE)
      throw new AppError(
        'conflict',
        `${describeConnection(settings)} needs its tables brought up to date for this VerifyDesk, and the user ${settings.user} may not change tables (a desk's user should not). Ask the practice's IT person to choose it once here with the owner's user (README, "Office database: operations"), then choose it again with this user.`,
      );
    throw new AppError(
      'conflict',
      `Nothing was saved: ${describeConnection(settings)} did not open (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  return officeKey;
}
