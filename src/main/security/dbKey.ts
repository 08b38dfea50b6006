// The database key: 32 random bytes made on first run, kept only wrapped by the operating system's
// protected storage (a KeyProtector) in a small file in the user's profile, never in clear. The same
// bytes, written as a recovery code with a checksum, are the practice owner's way in on a new PC.
// Beside it, wrapped the same way, the audit key that signs the audit trail (auditChain.ts): never shown,
// never in the recovery code, so knowing the database key is not enough to rewrite the trail.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { auditKeyFrom, newAuditKey, type AuditKey } from '../audit/auditChain';
import type { DbKey } from '../db/connection';
import { writeFileAtomically } from '../files/writeFileAtomically';

export interface KeyProtector {
  /** Why keys cannot be protected on this computer; null when they can. */
  unavailableReason(): Promise<string | null>;
  wrap(secret: string): Promise<Buffer>;
  /** shouldRewrap: the operating system asks for the secret to be wrapped again (its own key changed). */
  unwrap(wrapped: Buffer): Promise<{ secret: string; shouldRewrap: boolean }>;
}

const wrappedKeySchema = z.strictObject({ keyId: z.string().regex(/^[0-9a-f]{16}$/), wrapped: z.base64() });

const keyFileSchema = z.strictObject({
  version: z.literal(1),
  /** Identifies the key (not secret), so audit rows and restores can name it. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  wrapped: z.base64(),
  /** When the administrator confirmed the recovery code was stored; null: still to be shown. */
  recoveryShownAt: z.string().nullable(),
  /** Keys replaced by a key change, newest first: backups taken before the change still open. */
  history: z.array(wrappedKeySchema).default([]),
  /** A key change under way: the new key, until the database is re-encrypted and it is promoted. */
  pending: wrappedKeySchema.nullable().default(null),
  /** The audit trail's signing key; null in a file from before signing (one is made and stored). */
  audit: wrappedKeySchema.nullable().default(null),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

/** Written to a temporary name, flushed, then renamed over the old file: never half a key file. */
export function writeKeyFile(keyFilePath: string, file: KeyFile): void {
  writeFileAtomically(keyFilePath, `${JSON.stringify(file, null, 2)}\n`);
}

export function readKeyFile(keyFilePath: string): KeyFile | null {
  if (!existsSync(keyFilePath)) return null;
  const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(keyFilePath, 'utf8')));
  if (!parsed.success) throw new Error(`The key file ${keyFilePath} is not readable by this version.`);
  return parsed.data;
}

/** Names a key without revealing it: the first 8 bytes of SHA-256 over it. */
export const keyIdOf = (key: DbKey) => createHash('sha256').update(key).digest('hex').slice(0, 16);

export interface LoadedKey {
  key: DbKey;
  /** Earlier keys, newest first. */
  history: DbKey[];
  audit: AuditKey;
  keyFile: KeyFile;
}

const wrapAuditKey = async (protector: KeyProtector, audit: AuditKey) => ({
  keyId: audit.id,
  wrapped: (await protector.wrap(audit.key.toString('hex'))).toString('base64'),
});

async function unwrapKey(
  protector: KeyProtector,
  wrapped: string,
): Promise<{ key: DbKey; shouldRewrap: boolean }> {
  const { secret, shouldRewrap } = await protector.unwrap(Buffer.from(wrapped, 'base64'));
  return { key: Buffer.from(secret, 'hex'), shouldRewrap };
}

/**
 * The key for this installation. No key file and no database: a new key is made and stored wrapped.
 * A key file: unwrapped (and wrapped again when the OS asks). No key file but a database: only the
 * recovery code can open it (loadKeyFromRecoveryCode).
 */
async function loadOrCreateKey(options: {
  keyFilePath: string;
  databaseExists: boolean;
  protector: KeyProtector;
}): Promise<LoadedKey | { missing: true }> {
  const { keyFilePath, protector } = options;
  const existing = readKeyFile(keyFilePath);
  if (existing) {
    const { key, shouldRewrap } = await unwrapKey(protector, existing.wrapped);
    const history = await Promise.all(
      existing.history.map(async (h) => (await unwrapKey(protector, h.wrapped)).key),
    );
    const storedAudit = existing.audit ? await unwrapKey(protector, existing.audit.wrapped) : null;
    const audit = storedAudit ? auditKeyFrom(storedAudit.key) : newAuditKey();
    if (shouldRewrap || !storedAudit || storedAudit.shouldRewrap) {
      const rewritten: KeyFile = {
        ...existing,
        wrapped: shouldRewrap
          ? (await protector.wrap(key.toString('hex'))).toString('base64')
          : existing.wrapped,
        audit:
          storedAudit && !storedAudit.shouldRewrap ? existing.audit : await wrapAuditKey(protector, audit),
      };
      writeKeyFile(keyFilePath, rewritten);
      return { key, history, audit, keyFile: rewritten };
    }
    return { key, history, audit, keyFile: existing };
  }
  if (options.databaseExists) return { missing: true };
  const key = randomBytes(32);
  return storeKey(keyFilePath, key, protector);
}

/**
 * Wraps and stores a key (a new one, or one recovered from its code on a new PC) with a new audit key:
 * on a new PC the old one stayed behind, so entries signed there are checked only as far as links go.
 */
export async function storeKey(
  keyFilePath: string,
  key: DbKey,
  protector: KeyProtector,
  audit: AuditKey = newAuditKey(),
): Promise<LoadedKey> {
  const keyFile: KeyFile = {
    version: 1,
    keyId: keyIdOf(key),
    wrapped: (await protector.wrap(key.toString('hex'))).toString('base64'),
    recoveryShownAt: null,
    history: [],
    pending: null,
    audit: await wrapAuditKey(protector, audit),
  };
  writeKeyFile(keyFilePath, keyFile);
  return { key, history: [], audit, keyFile };
}

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is hard to get wrong.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const checksum = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest().subarray(0, 3);

/** The key and a 3-byte checksum in base32, in groups of five: 56 characters to print and keep. */
export function recoveryCodeOf(key: DbKey): string {
  const bytes = Buffer.concat([key, checksum(key)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,5}/g)!.join('-');
}

/** The key from a recovery code, or null when the code is mistyped (checked before any open attempt). */
export function keyFromRecoveryCode(code: string): DbKey | null {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-Z]+$/.test(clean)) return null;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of clean) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  if (bytes.length !== 35) return null;
  const key = Buffer.from(bytes.slice(0, 32));
  return checksum(key).equals(Buffer.from(bytes.slice(32))) ? key : null;
}

/**
 * The key to open the database at startup, or a problem a person can act on. With no key file beside an
 * existing database (a restore on a new PC, a lost profile) only the practice's recovery code opens it;
 * that use is reported so it can be audited as emergency access, and the key is stored for this PC.
 */
export async function obtainDbKey(options: {
  keyFilePath: string;
  databaseExists: boolean;
  protector: KeyProtector;
  /** Typed on the recovery screen of a new computer; undefined at an ordinary start. */
  recoveryCode: string | undefined;
  /** Tries the key on the database before it is kept (so a wrong code stores nothing). */
  opens: (key: DbKey) => boolean;
  /** Puts back the copy a key change took, when one verifies with this key (keyChangeCopy.ts). */
  restoreCopy: (key: DbKey) => boolean;
}): Promise<
  | { key: DbKey; history: DbKey[]; audit: AuditKey; emergency: boolean }
  | { problem: string; needsRecoveryCode?: true }
> {
  const problem = await options.protector.unavailableReason();
  if (problem) return { problem };
  const loaded = await loadOrCreateKey(options);
  if (!('missing' in loaded)) {
    const { keyFile } = loaded;
    if (keyFile.pending && options.databaseExists) {
      // A key change was interrupted: the file opens with the old key (not re-encrypted yet: the change
      // is dropped), with the new one (re-encrypted, not yet promoted: promote it now), or, when it
      // stopped half-way, with neither: the copy taken before it goes back and the change is dropped.
      if (!options.opens(loaded.key)) {
        const next = (await unwrapKey(options.protector, keyFile.pending.wrapped)).key;
        if (options.opens(next)) {
          promotePending(options.keyFilePath, keyFile);
          return {
            key: next,
            history: [loaded.key, ...loaded.history],
            audit: loaded.audit,
            emergency: false,
          };
        }
        if (!(options.restoreCopy(loaded.key) && options.opens(loaded.key)))
          return {
            problem:
              'A change of the database key was interrupted and the database opens with neither key. Restore it from a backup.',
          };
      }
      writeKeyFile(options.keyFilePath, { ...keyFile, pending: null });
    }
    return { key: loaded.key, history: loaded.history, audit: loaded.audit, emergency: false };
  }
  if (!options.recoveryCode) {
    return {
      needsRecoveryCode: true,
      problem:
        'This database was made on another computer, or this computer lost its copy of the database key: only the practice’s recovery code opens it.',
    };
  }
  const key = keyFromRecoveryCode(options.recoveryCode);
  if (!key)
    return {
      problem: 'The recovery code is mistyped: its check digits do not match. Check each group of five.',
    };
  if (!options.opens(key))
    return {
      problem: 'The recovery code is valid but belongs to a different database. Nothing was changed.',
    };
  const stored = await storeKey(options.keyFilePath, key, options.protector);
  return { key, history: [], audit: stored.audit, emergency: true };
}

/** The pending key becomes the key; the old one goes to the history; its recovery code is shown anew. */
export function promotePending(keyFilePath: string, keyFile: KeyFile): KeyFile {
  const pending = keyFile.pending!;
  const promoted: KeyFile = {
    ...keyFile,
    keyId: pending.keyId,
    wrapped: pending.wrapped,
    history: [{ keyId: keyFile.keyId, wrapped: keyFile.wrapped }, ...keyFile.history],
    pending: null,
    recoveryShownAt: null,
  };
  writeKeyFile(keyFilePath, promoted);
  return promoted;
}
