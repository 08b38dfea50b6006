// The few expressions SQLite and PostgreSQL spell differently, and how each reports the errors the app
// acts on. Everything else in the repositories is written once.
import { sql, type RawBuilder } from 'kysely';
import type { AppDb } from './appDb';

/** The values of `expression` over a group, joined with `separator` (a comma unless given). */
export function groupConcat(db: AppDb, expression: RawBuilder<unknown>, separator = ','): RawBuilder<string> {
  return db.engine === 'postgres'
    ? sql<string>`string_agg(${expression}::text, ${separator}::text)`
    : sql<string>`group_concat(${expression}, ${separator})`;
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** A unique index refused the row (`constraint`: the index or table.column named in the error, if given). */
export function isUniqueViolation(error: unknown, constraint?: RegExp): boolean {
  const code = codeOf(error);
  const unique =
    code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!unique || !constraint) return unique;
  const named = `${(error as { constraint?: string }).constraint ?? ''} ${(error as Error).message}`;
  return constraint.test(named);
}

/** A trigger or check refused the change (an append-only table, a locked call record). */
export function isRefusedByRule(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'P0001' || code === 'SQLITE_CONSTRAINT_TRIGGER' || code === 'SQLITE_CONSTRAINT';
}
