// Records search, the one full-text index of office data: FTS5 on SQLite (migration 8), a tsvector with
// a GIN index on PostgreSQL (the baseline), both kept by triggers over patient, payer, plan, reference
// number and codes. Words arrive folded (queryWords): letters and digits only, lower case, no accents.
import { sql } from 'kysely';
import { buildMatchExpression } from '../../../shared/catalog/searchQuery';
import type { AppDb } from '../appDb';

/**
 * Ids of the newest calls matching every word (the last one as the start of a word, as it may still be
 * being typed; a prefix of a common word would otherwise merge a million entries), newest first. No words:
 * the newest calls.
 */
export async function callSearchIds(db: AppDb, words: readonly string[], limit: number): Promise<number[]> {
  if (words.length === 0) {
    const rows = await db.q.selectFrom('calls').select('id').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => r.id);
  }
  if (db.engine === 'postgres') {
    const query = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
    const { rows } = await sql<{ id: number }>`
      SELECT call_id AS id FROM call_search WHERE doc @@ to_tsquery('simple', ${query})
      ORDER BY call_id DESC LIMIT ${limit}`.execute(db.q);
    return rows.map((r) => r.id);
  }
  const match = buildMatchExpression(
    words.map((w) => [w]),
    { prefixLast: true, mode: 'all' },
  );
  const { rows } = await sql<{ id: number }>`
    SELECT rowid AS id FROM call_search WHERE call_search MATCH ${match}
    ORDER BY rowid DESC LIMIT ${limit}`.execute(db.q);
  return rows.map((r) => r.id);
}
