// SQLite's 12-step table rebuild (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table
// Schema Changes"), for changes ALTER TABLE cannot make (a new foreign key, a tighter CHECK). The
// migration runner does steps 1, 2, 11 and 12 (foreign keys off outside the transaction, then on again)
// for a migration marked rebuildsTables; this does the steps inside the transaction.
import type { Db } from './connection';

export interface TableRebuild {
  table: string;
  /** The new definition, as CREATE TABLE <table> (...): the name is swapped for the temporary one. */
  createSql: string;
  /** Columns copied from the old table to the new one (same names in both). */
  columns: readonly string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function rebuildTable(db: Db, rebuild: TableRebuild): void {
  if (!db.inTransaction) throw new Error('A table rebuild runs inside the migration transaction.');
  if (db.pragma('foreign_keys', { simple: true }) !== 0)
    throw new Error('A table rebuild needs foreign keys off (mark the migration rebuildsTables).');
  const { table } = rebuild;
  const temp = `new_${table}`;
  // 3. Remember the table's indexes and triggers (dropped with it) and the views that name it.
  const dependents = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
    )
    .all(table) as Array<{ type: string; name: string; sql: string }>;
  const views = (
    db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'view'").all() as Array<{
      name: string;
      sql: string;
    }>
  ).filter((v) => new RegExp(`\\b${table}\\b`, 'i').test(v.sql));
  // Triggers on other tables that read those views: renaming the new table re-checks every trigger, and
  // one naming a dropped view would fail it; they are put back with the views.
  const viewReaders = (
    db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name <> ? AND sql IS NOT NULL",
      )
      .all(table) as Array<{ name: string; sql: string }>
  ).filter((t) => views.some((v) => new RegExp(`\\b${v.name}\\b`, 'i').test(t.sql)));
  for (const trigger of viewReaders) db.exec(`DROP TRIGGER ${quote(trigger.name)}`);
  for (const view of views) db.exec(`DROP VIEW ${quote(view.name)}`);
  // 4. The new table under a temporary name.
  const create = rebuild.createSql.replace(
    new RegExp(`^\\s*CREATE TABLE\\s+${table}\\b`, 'i'),
    `CREATE TABLE ${quote(temp)}`,
  );
  if (create === rebuild.createSql) throw new Error(`createSql must start with CREATE TABLE ${table}.`);
  db.exec(create);
  // 5. Copy; 6. drop the old table; 7. the new one takes its name.
  const columns = rebuild.columns.map(quote).join(', ');
  db.exec(`INSERT INTO ${quote(temp)} (${columns}) SELECT ${columns} FROM ${quote(table)}`);
  db.exec(`DROP TABLE ${quote(table)}`);
  db.exec(`ALTER TABLE ${quote(temp)} RENAME TO ${quote(table)}`);
  // 8. Indexes and triggers again; 9. the views again.
  for (const dependent of dependents) db.exec(dependent.sql);
  for (const view of views) db.exec(view.sql);
  for (const trigger of viewReaders) db.exec(trigger.sql);
  // 10. Every row must still point at a row that exists, or the whole migration rolls back.
  const orphans = db.pragma('foreign_key_check') as Array<{ table: string }>;
  if (orphans.length > 0) {
    const where = [...new Set(orphans.map((o) => o.table))].join(', ');
    throw new Error(
      `Rebuilding ${table} would leave ${orphans.length} row(s) in ${where} pointing at rows that do not exist. Nothing was changed.`,
    );
  }
}
