// What makes the audit trail hard to rewrite for someone who holds only the database key (an
// administrator who saw the recovery code, a copy of the file): every entry is signed with an HMAC under
// a second key, the audit key, which is random, never shown and kept only wrapped by the operating
// system's protected storage (like the database key, in the key file); and the trail's last entry is
// also kept outside the database (auditAnchor.ts), so entries removed from the end are found too.
// Software running as the signed-in computer user can unwrap both keys: that is the stated limit.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AppDb } from '../db/appDb';
import type { AuditHeadAnchor } from './auditAnchor';

export interface AuditKey {
  /** Names the key without revealing it (written with every entry it signs). */
  id: string;
  key: Buffer;
}

/** The audit key and where the trail's head is kept outside the database: what appending and checking need. */
export interface AuditChain {
  key: AuditKey;
  anchor: AuditHeadAnchor;
}

export const auditKeyIdOf = (key: Buffer) =>
  createHash('sha256').update('verifydesk audit key').update(key).digest('hex').slice(0, 16);

export function newAuditKey(): AuditKey {
  const key = randomBytes(32);
  return { id: auditKeyIdOf(key), key };
}

export function auditKeyFrom(key: Buffer): AuditKey {
  if (key.length !== 32) throw new Error('The audit key must be 32 bytes.');
  return { id: auditKeyIdOf(key), key };
}

/** The fields of an entry that its hash covers, in a fixed order. */
export interface ChainedFields {
  id: number;
  tsUtc: string;
  userId: number | null;
  userName: string;
  action: string;
  entity: string;
  entityId: number | null;
  detailJson: string;
  /** Which audit key signed the entry; null for entries written before entries were signed. */
  macKey: string | null;
}

/** Entries from before signing (migration 12): SHA-256 over the previous hash and the entry. */
export function legacyHash(prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.id,
    row.tsUtc,
    row.userId,
    row.userName,
    row.action,
    row.entity,
    row.entityId,
    row.detailJson,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Signed entries: HMAC-SHA256 under the audit key over the previous hash and the entry (its key id too). */
export function signedHash(key: Buffer, prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.id,
    row.tsUtc,
    row.userId,
    row.userName,
    row.action,
    row.entity,
    row.entityId,
    row.detailJson,
    row.macKey,
  ]);
  return createHmac('sha256', key).update(prevHash).update(canonical).digest('hex');
}

// The chain belongs to the open data layer: set once where the app's database is opened, read by every
// append and check, so no service has to carry the key around.
const chains = new WeakMap<AppDb, AuditChain>();

export function attachAuditChain(db: AppDb, chain: AuditChain): void {
  chains.set(db, chain);
}

export function auditChainOf(db: AppDb): AuditChain {
  const chain = chains.get(db);
  if (!chain) throw new Error('The audit trail of this database is not open (no audit key attached).');
  return chain;
}
