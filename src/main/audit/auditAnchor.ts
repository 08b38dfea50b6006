// The audit trail's last entry (its head), kept outside the database: a trail cut short at the end, or
// emptied, still verifies link by link, so the check compares it with this record. Behind a small
// interface because where it is kept changes when several desks share one trail on a server.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AppDb } from '../db/appDb';
import { writeFileAtomically } from '../files/writeFileAtomically';

export interface AuditHead {
  id: number;
  hash: string;
}

export interface AuditHeadAnchor {
  /** The head last recorded; null when none was recorded yet. Throws when the record is unreadable. */
  read(): AuditHead | null | Promise<AuditHead | null>;
  /** Records a head that follows from the one recorded before (or replaces it after a restore). */
  write(head: AuditHead): void | Promise<void>;
  /** Where the record is, for messages a person reads. */
  readonly where: string;
  /**
   * Written inside the transaction of the entry it records (a record on the same server, under the
   * lock that orders appends); otherwise written once that transaction has committed (a file).
   */
  readonly transactional: boolean;
}

const headFileSchema = z.strictObject({
  version: z.literal(1),
  id: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** One computer: a small file in the user's profile folder, beside the key file (not beside the database). */
export function fileHeadAnchor(filePath: string): AuditHeadAnchor {
  return {
    where: filePath,
    transactional: false,
    read() {
      if (!existsSync(filePath)) return null;
      let parsed;
      try {
        parsed = headFileSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
      } catch {
        parsed = null;
      }
      if (!parsed?.success)
        throw new Error(`The record of the audit trail's last entry (${filePath}) cannot be read.`);
      return { id: parsed.data.id, hash: parsed.data.hash };
    },
    write(head) {
      writeFileAtomically(filePath, `${JSON.stringify({ version: 1, ...head })}\n`);
    },
  };
}

/**
 * The office database: a one-row table on the same server, written in the transaction of each entry
 * under the lock that orders appends; a trigger lets it only move forward and never be removed
 * (pgSchema.ts, migration 14).
 */
export function serverHeadAnchor(db: AppDb): AuditHeadAnchor {
  return {
    where: `the audit_head table of ${db.where}`,
    transactional: true,
    async read() {
      const row = await db.q.selectFrom('audit_head').select(['id', 'hash']).executeTakeFirst();
      return row ? { id: row.id, hash: row.hash } : null;
    },
    async write(head) {
      await db.q
        .insertInto('audit_head')
        .values({ only_row: true, id: head.id, hash: head.hash })
        .onConflict((oc) =>
          oc
            .column('only_row')
            .doUpdateSet((eb) => ({ id: eb.ref('excluded.id'), hash: eb.ref('excluded.hash') })),
        )
        .execute();
    },
  };
}
