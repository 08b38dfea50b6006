import { describe, expect, it } from 'vitest';
import { createFeeService } from '../../src/main/services/feeService';
import { openTestAppDb } from '../helpers/appDb';
import { payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { testServices } from '../helpers/services';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('fee schedules', () => {
  const tempDir = useTempDirs();
  const setup = () => {
    const { db, now } = openTestAppDb(tempDir);
    const policies = testServices(db, now, { actor: () => 'Test User' }).policies;
    const plan = policies.savePlan(null, planInput(policies.savePayer(null, payerInput()).id));
    return { db, fees: createFeeService(db, now), plan };
  };

  it("imports office fees and a plan's allowed fees, exports them, and re-imports as unchanged", () => {
    const { db, fees, plan } = setup();
    const office = '\uFEFFcode,fee\r\nD0367,"$1,200.00"\r\nd0330,125\r\n';
    expect(fees.preview(null, 'office.csv', utf8(office))).toEqual({
      fileName: 'office.csv',
      new: 2,
      changed: 0,
      unchanged: 0,
      issues: [],
    });
    fees.apply(null, 'office.csv', utf8(office));
    fees.apply(plan.id, 'allowed.csv', utf8('code,allowed\nD0367,900\n'));
    expect(fees.list(null)).toEqual([
      { code: 'D0330', cents: 12500 },
      { code: 'D0367', cents: 120000 },
    ]);
    expect(fees.list(plan.id)).toEqual([{ code: 'D0367', cents: 90000 }]);
    const exported = fees.exportCsv(null);
    expect(exported).toBe('code,fee\r\nD0330,125.00\r\nD0367,1200.00\r\n');
    expect(fees.preview(null, 'again.csv', utf8(exported))).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 2,
    });
    db.close();
  });

  it('refuses a bad file with file, line and column, and writes nothing', () => {
    const { db, fees } = setup();
    const bad = 'code,fee\nD0367,1200\nD0368,1e3\nX1,5\nD0367,10\n';
    const preview = fees.preview(null, 'bad.csv', utf8(bad));
    expect(preview.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'amount'],
      [4, 'code'],
      [5, 'code'],
    ]);
    expect(preview.issues[0]!.message).toBe(
      'bad.csv, line 3, column amount: not an amount (write 1234.56 or $1,234.56).',
    );
    expect(() => fees.apply(null, 'bad.csv', utf8(bad))).toThrow(/Nothing was imported/);
    expect(fees.list(null)).toEqual([]);
    expect(fees.preview(null, 'h.csv', utf8('fee,code\nD0367,1\n')).issues[0]!.message).toMatch(
      /header "code,fee"/,
    );
    db.close();
  });
});
