import { describe, expect, it } from 'vitest';
import { createFeeService } from '../../src/main/services/feeService';
import { openTestAppDb } from '../helpers/appDb';
import { payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { testServices } from '../helpers/services';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('fee schedules', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const policies = testServices(db, now, { actor: () => 'Test User' }).policies;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    return { db, fees: createFeeService(db, now), plan };
  };

  it("imports office fees and a plan's allowed fees, exports them, and re-imports as unchanged", async () => {
    const { db, fees, plan } = await setup();
    const office = '\uFEFFcode,fee\r\nD0367,"$1,200.00"\r\nd0330,125\r\n';
    expect(await fees.preview(null, 'office.csv', utf8(office))).toEqual({
      fileName: 'office.csv',
      new: 2,
      changed: 0,
      unchanged: 0,
      issues: [],
    });
    await fees.apply(null, 'office.csv', utf8(office));
    await fees.apply(plan.id, 'allowed.csv', utf8('code,allowed\nD0367,900\n'));
    expect(await fees.list(null)).toEqual([
      { code: 'D0330', cents: 12500 },
      { code: 'D0367', cents: 120000 },
    ]);
    expect(await fees.list(plan.id)).toEqual([{ code: 'D0367', cents: 90000 }]);
    const exported = await fees.exportCsv(null);
    expect(exported).toBe('code,fee\r\nD0330,125.00\r\nD0367,1200.00\r\n');
    expect(await fees.preview(null, 'again.csv', utf8(exported))).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 2,
    });
    await db.close();
  });

  it('refuses a bad file with file, line and column, and writes nothing', async () => {
    const { db, fees } = await setup();
    const bad = 'code,fee\nD0367,1200\nD0368,1e3\nX1,5\nD0367,10\n';
    const preview = await fees.preview(null, 'bad.csv', utf8(bad));
    expect(preview.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'amount'],
      [4, 'code'],
      [5, 'code'],
    ]);
    expect(preview.issues[0]!.message).toBe(
      'bad.csv, line 3, column amount: not an amount (write 1234.56 or $1,234.56).',
    );
    await expect(fees.apply(null, 'bad.csv', utf8(bad))).rejects.toThrow(/Nothing was imported/);
    expect(await fees.list(null)).toEqual([]);
    expect((await fees.preview(null, 'h.csv', utf8('fee,code\nD0367,1\n'))).issues[0]!.message).toMatch(
      /header "code,fee"/,
    );
    await db.close();
  });
});
