import { describe, expect, it } from 'vitest';
import { reverifyReasons } from '../../src/shared/worklist/reverify';

const TODAY = '2026-11-22';
const base = {
  serviceDate: '2026-12-10',
  verifiedOn: '2026-11-01',
  reverifyDate: null,
  benefitYearStartMonth: 1,
};

describe('why an appointment needs verifying', () => {
  it('is missing when no completed call exists for the plan', () => {
    expect(reverifyReasons({ ...base, verifiedOn: null }, TODAY, 90)).toEqual(['missing']);
  });

  it('is fine when recent, in the same benefit year, and before its re-verify date', () => {
    expect(reverifyReasons({ ...base, reverifyDate: '2026-11-23' }, TODAY, 90)).toEqual([]);
  });

  it('is stale one day past the window, not on its last day', () => {
    expect(reverifyReasons({ ...base, verifiedOn: '2026-08-24' }, TODAY, 90)).toEqual([]);
    expect(reverifyReasons({ ...base, verifiedOn: '2026-08-23' }, TODAY, 90)).toEqual(['stale']);
  });

  it('crosses a renewal when the plan year starts after the call and on or before the appointment', () => {
    expect(reverifyReasons({ ...base, serviceDate: '2027-01-01' }, TODAY, 90)).toEqual(['renewal']);
    expect(reverifyReasons({ ...base, serviceDate: '2026-12-31' }, TODAY, 90)).toEqual([]);
    // A July plan year: a December appointment after a November call renews nothing; next July does.
    const july = { ...base, benefitYearStartMonth: 7 };
    expect(reverifyReasons({ ...july, serviceDate: '2027-01-15' }, TODAY, 90)).toEqual([]);
    expect(reverifyReasons({ ...july, serviceDate: '2027-07-01' }, TODAY, 90)).toEqual(['renewal']);
    // A call made on the renewal day itself already speaks for the new year.
    expect(
      reverifyReasons({ ...base, verifiedOn: '2027-01-01', serviceDate: '2027-02-01' }, '2027-01-02', 90),
    ).toEqual([]);
  });

  it('is due on its re-verify date, and lists every reason that applies', () => {
    expect(reverifyReasons({ ...base, reverifyDate: TODAY }, TODAY, 90)).toEqual(['reverify_date']);
    expect(
      reverifyReasons(
        { ...base, verifiedOn: '2026-01-05', reverifyDate: '2026-06-01', serviceDate: '2027-03-01' },
        TODAY,
        90,
      ),
    ).toEqual(['stale', 'renewal', 'reverify_date']);
  });
});
