// Planted faults in the audit trail, on the engine of the run: its inserts fail (a full disk, a server
// that refuses the write), or its append-only guards are removed, as someone with the database's owner
// rights could (the chain check must still find what they then edit).
import type { AppDb } from '../../src/main/db/appDb';
import { run } from './sqlRows';

/** Every insert into the audit trail fails with `message` until auditWritesWork. */
export async function auditWritesFail(db: AppDb, message: string): Promise<void> {
  if (db.engine === 'sqlite') {
    db.sqlite!.exec(`CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON main.audit_log
      BEGIN SELECT RAISE(ABORT, '${message.replace(/'/g, "''")}'); END`);
    return;
  }
  await run(
    db,
    `CREATE FUNCTION test_audit_fails() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '${message.replace(/'/g, "''")}'; END $$`,
  );
  await run(
    db,
    'CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_fails()',
  );
}

export async function auditWritesWork(db: AppDb): Promise<void> {
  if (db.engine === 'sqlite') {
    db.sqlite!.exec('DROP TRIGGER temp.audit_fails');
    return;
  }
  await run(db, 'DROP TRIGGER audit_fails ON audit_log');
  await run(db, 'DROP FUNCTION test_audit_fails()');
}

/** Removes the triggers that keep the trail append-only (the same names on both engines). */
export async function dropAuditGuards(db: AppDb): Promise<void> {
  if (db.engine === 'sqlite') {
    db.sqlite!.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    return;
  }
  await run(db, 'DROP TRIGGER audit_log_no_update ON audit_log');
  await run(db, 'DROP TRIGGER audit_log_no_delete ON audit_log');
}
