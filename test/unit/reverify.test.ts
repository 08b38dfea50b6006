import { describe, expect, it } from 'vitest';
import { freshEligibilityFile, reverifyReasons } from '../../src/shared/worklist/reverify';

const TODAY = '2026-11-22';
const base = {
  serviceDate: '2026-12-10',
  verifiedOn: '2026-11-01',
  reverifyDate: null,
  benefitYearStartMonth: 1,
  eligibilityFileOn: null,
};

describe('why an appointment needs verifying', () => {
  it('is missing when no completed call exists for the plan', () => {
    expect(reverifyReasons({ ...base, verifiedOn: null }, TODAY, 90, 30)).toEqual(['missing']);
  });

  it('is fine when recent, in the same benefit year, and before its re-verify date', () => {
    expect(reverifyReasons({ ...base, reverifyDate: '2026-11-23' }, TODAY, 90, 30)).toEqual([]);
  });

  it('is stale one day past the window, not on its last day', () => {
    expect(reverifyReasons({ ...base, verifiedOn: '2026-08-24' }, TODAY, 90, 30)).toEqual([]);
    expect(reverifyReasons({ ...base, verifiedOn: '2026-08-23' }, TODAY, 90, 30)).toEqual(['stale']);
  });

  it('crosses a renewal when the plan year starts after the call and on or before the appointment', () => {
    expect(reverifyReasons({ ...base, serviceDate: '2027-01-01' }, TODAY, 90, 30)).toEqual(['renewal']);
    expect(reverifyReasons({ ...base, serviceDate: '2026-12-31' }, TODAY, 90, 30)).toEqual([]);
    // A July plan year: a December appointment after a November call renews nothing; next July does.
    const july = { ...base, benefitYearStartMonth: 7 };
    expect(reverifyReasons({ ...july, serviceDate: '2027-01-15' }, TODAY, 90, 30)).toEqual([]);
    expect(reverifyReasons({ ...july, serviceDate: '2027-07-01' }, TODAY, 90, 30)).toEqual(['renewal']);
    // A call made on the renewal day itself already speaks for the new year.
    expect(
      reverifyReasons({ ...base, verifiedOn: '2027-01-01', serviceDate: '2027-02-01' }, '2027-01-02', 90, 30),
    ).toEqual([]);
  });

  it('is due on its re-verify date, and lists every reason that applies', () => {
    expect(reverifyReasons({ ...base, reverifyDate: TODAY }, TODAY, 90, 30)).toEqual(['reverify_date']);
    expect(
      reverifyReasons(
        { ...base, verifiedOn: '2026-01-05', reverifyDate: '2026-06-01', serviceDate: '2027-03-01' },
        TODAY,
        90,
        30,
      ),
    ).toEqual(['stale', 'renewal', 'reverify_date']);
  });

  it('a fresh eligibility file counts as the eligibility check, but the codes still need a call', () => {
    const neverCalled = { ...base, verifiedOn: null };
    // A 271 from 10 days ago, within the 30-day eligibility window: checked, codes unconfirmed.
    expect(reverifyReasons({ ...neverCalled, eligibilityFileOn: '2026-11-12' }, TODAY, 90, 30)).toEqual([
      'codes_unconfirmed',
    ]);
    // On the last day of the window it still counts; the day after, it does not.
    expect(reverifyReasons({ ...neverCalled, eligibilityFileOn: '2026-10-23' }, TODAY, 90, 30)).toEqual([
      'codes_unconfirmed',
    ]);
    expect(reverifyReasons({ ...neverCalled, eligibilityFileOn: '2026-10-22' }, TODAY, 90, 30)).toEqual([
      'missing',
    ]);
    // A file from before the plan year renews ahead of the appointment says nothing about the new year.
    expect(
      reverifyReasons(
        { ...neverCalled, eligibilityFileOn: '2026-11-12', serviceDate: '2027-01-10' },
        TODAY,
        90,
        30,
      ),
    ).toEqual(['missing']);
    // After a call, a file does not make old per-code answers current: the call's own reasons stand.
    expect(
      reverifyReasons({ ...base, verifiedOn: '2026-08-01', eligibilityFileOn: '2026-11-20' }, TODAY, 90, 30),
    ).toEqual(['stale']);
    expect(reverifyReasons({ ...base, eligibilityFileOn: '2026-11-20' }, TODAY, 90, 30)).toEqual([]);
  });

  it('says which file checked eligibility, only while it counts', () => {
    const input = { serviceDate: '2026-12-10', benefitYearStartMonth: 1 };
    expect(freshEligibilityFile({ ...input, eligibilityFileOn: '2026-11-20' }, TODAY, 30)).toBe('2026-11-20');
    expect(freshEligibilityFile({ ...input, eligibilityFileOn: null }, TODAY, 30)).toBeNull();
    expect(freshEligibilityFile({ ...input, eligibilityFileOn: '2026-09-01' }, TODAY, 30)).toBeNull();
  });
});
