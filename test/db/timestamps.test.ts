// VAL-10: every instant VerifyDesk stores (audit rows, call times, provenance, saves) is UTC ISO-8601
// with a Z, whoever wrote it; calendar dates stay YYYY-MM-DD (VAL-8). Checked over every column named
// for an instant after a day's work through the real services.
import { describe, expect, it } from 'vitest';
import { openSignedInApp } from '../helpers/appDispatch';
import { completedCall } from '../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { testServices } from '../helpers/services';
import { fixedClock, daysFromToday } from '../helpers/testClock';

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;

describe('stored timestamps (VAL-10)', () => {
  const tempDir = useTempDirs();

  it('every stored instant is UTC ISO-8601 with Z', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    const deps = { db, now: fixedClock(), actor: () => 'Test User' };
    const policies = testServices(deps.db, deps.now).policies;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    await policies.setBenefits(plan.id, { annualMaxCents: 150_000 });
    await policies.setPolicy(plan.id, 'D0367', { covered: 'yes', coverageBp: 5000 });
    const patient = await testServices(deps.db, deps.now).patients.save(null, patientInput());
    const calls = testServices(deps.db, deps.now).calls;
    const call = await completedCall(calls, patient.id, plan.id);
    await calls.amend(call.id, 'Rep spelled the reference', 'read back');
    await testServices(deps.db, deps.now).estimates.save({
      patientId: patient.id,
      selfPay: false,
      lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18), feeCents: 45_000 }],
    });
    await send('patients:get', { id: patient.id });
    expect(await send('backups:create', {})).toMatchObject({ ok: true });

    const tables = (
      db
        .sqlite!.prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )
        .all() as Array<{ name: string }>
    ).map((t) => t.name);
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const table of tables) {
      const columns = (db.sqlite!.pragma(`table_info("${table}")`) as Array<{ name: string }>)
        .map((c) => c.name)
        .filter((name) => /(_at|_utc)$/.test(name));
      for (const column of columns) {
        const values = db
          .sqlite!.prepare(`SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`)
          .all() as Array<{ v: unknown }>;
        if (values.length > 0) checked.push(`${table}.${column}`);
        for (const { v } of values)
          if (typeof v !== 'string' || !INSTANT.test(v)) wrong.push(`${table}.${column}: ${String(v)}`);
      }
    }
    expect(wrong).toEqual([]);
    // The check itself refuses local or offset times.
    for (const bad of [
      '2026-11-22 10:00:00',
      '2026-11-22T10:00:00',
      '2026-11-22T10:00:00+01:00',
      '2026-11-22',
    ])
      expect(INSTANT.test(bad), bad).toBe(false);
    expect(checked).toEqual(
      expect.arrayContaining([
        'audit_log.ts_utc',
        'calls.started_at',
        'calls.ended_at',
        'call_answers.answered_at',
        'call_amendments.amended_at',
        'observations.recorded_at',
        'patients.updated_at',
        'estimates.created_at',
        'users.created_at',
      ]),
    );
  });
});
