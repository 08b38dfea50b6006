import { describe, expect, it } from 'vitest';
import { businessDaysBetween, gfeDueDate } from '../../../src/shared/estimate/goodFaithEstimate';

describe('Good Faith Estimate timing', () => {
  it('counts business days, Monday to Friday', () => {
    // 2026-11-20 is a Friday.
    expect(businessDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // to Monday
    expect(businessDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
  });

  it.each([
    // today (Fri 2026-11-20), scheduled, due
    ['2026-11-24', null], // 2 business days out: the rule sets no deadline
    ['2026-11-25', '2026-11-23'], // 3 out: within 1 business day (Monday)
    ['2026-12-03', '2026-11-23'], // 9 out: still 1 business day
    ['2026-12-04', '2026-11-25'], // 10 out: within 3 business days
  ])('scheduled %s -> give it by %s', (scheduled, due) => {
    expect(gfeDueDate('2026-11-20', scheduled)).toBe(due);
  });

  it('no scheduled date, no deadline', () => {
    expect(gfeDueDate('2026-11-20', null)).toBeNull();
  });
});
