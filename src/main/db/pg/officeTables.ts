// Which of this computer's SQLite tables are the office's data, and how each reaches the office database
// when a computer's data moves there. Every table of the SQLite file is named here once: a table a later
// migration adds stops the move (unknownTables) until someone decides where it belongs, so nothing of
// the office's data is silently left behind.

/**
 * Copied row for row, ids kept, in this order (each table's references point to tables above it, or to
 * earlier rows of itself: a retraction or a medical call follows what it refers to).
 */
export const COPIED_TABLES = [
  'settings',
  'seed_versions',
  'users',
  'payers',
  'plans',
  'office_fees',
  'plan_allowed_fees',
  'patients',
  'coverages',
  'estimates',
  'good_faith_estimates',
  'calls',
  'call_answers',
  'call_read_backs',
  'call_holds',
  'call_amendments',
  'prior_auths',
  'prior_auth_events',
  'observations',
  'eligibility_files',
  'todo_marks',
  'todo_events',
  'audit_log',
  'merged_rows',
  'merged_audit_log',
] as const;
export type CopiedTable = (typeof COPIED_TABLES)[number];

/**
 * Kept by the server's own triggers as the copied rows arrive (indexes for the worklists and Records
 * search), then checked against this computer's. last_verifications and plan_years hold "the newest"
 * of something, which replaying rows in id order may pick differently from the order they happened in:
 * those two are set to this computer's rows after the copy.
 */
export const DERIVED_TABLES = ['planned_services', 'last_verifications', 'plan_years'] as const;
export type DerivedTable = (typeof DERIVED_TABLES)[number];
export const DERIVED_SET_FROM_SOURCE: ReadonlySet<DerivedTable> = new Set([
  'last_verifications',
  'plan_years',
]);

/** The full-text index of calls: SQLite's FTS5 and PostgreSQL's tsvector differ; the number of calls indexed is compared. */
export const CALL_SEARCH = 'call_search';

/** The code catalog stays in each desk's own SQLite file (lookup is local), with its seed version. */
export const DESK_ONLY_TABLES = ['catalog_codes', 'icd10_codes', 'licensed_cdt_texts'] as const;
export const DESK_ONLY_SEED = 'catalog';

/** Plain words for what a table holds, for messages: "3 users, 12 calls". */
const TABLE_WORDS: Record<string, [string, string]> = {
  users: ['user', 'users'],
  patients: ['patient', 'patients'],
  payers: ['payer', 'payers'],
  plans: ['plan', 'plans'],
  calls: ['call', 'calls'],
  call_answers: ['call answer', 'call answers'],
  prior_auths: ['PA item', 'PA items'],
  observations: ['ledger statement', 'ledger statements'],
  audit_log: ['audit entry', 'audit entries'],
  settings: ['setting', 'settings'],
  coverages: ['coverage', 'coverages'],
};

export function countWords(table: string, count: number): string {
  const words = TABLE_WORDS[table];
  if (words) return `${count} ${count === 1 ? words[0] : words[1]}`;
  return `${count} row${count === 1 ? '' : 's'} of ${table.replace(/_/g, ' ')}`;
}

/** The source's tables this module does not account for (a newer migration's, never decided on). */
export function unknownTables(sqliteTables: readonly string[]): string[] {
  const known = new Set<string>([...COPIED_TABLES, ...DERIVED_TABLES, ...DESK_ONLY_TABLES, CALL_SEARCH]);
  return sqliteTables.filter(
    (t) => !known.has(t) && !t.startsWith('sqlite_') && !t.startsWith(`${CALL_SEARCH}_`),
  );
}
