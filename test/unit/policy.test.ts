import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate } from '../../src/shared/dates/calendar';
import { formatBp, formatCents, parseMoney, parsePercent } from '../../src/shared/money/cents';
import {
  formatFrequency,
  formatPolicyValue,
  parseAgeLimits,
  parseFrequency,
  parsePolicyText,
} from '../../src/shared/policy/fieldText';

describe('money and percent input', () => {
  it.each([
    ['$1,234.56', 123456],
    ['1234.5', 123450],
    ['1,234', 123400],
    ['0', 0],
    ['$0.01', 1],
  ])('%s -> %i cents', (text, cents) => expect(parseMoney(text)).toBe(cents));

  it.each(['1e3', '(5.00)', '1,23', '12.345', '-5', '', 'abc', '1,2345.00', '$1,000,000.01'])(
    'refuses %j',
    (text) => {
      expect(parseMoney(text)).toBeNull();
    },
  );

  it('percent to basis points, and back', () => {
    expect(parsePercent('80%')).toBe(8000);
    expect(parsePercent('12.5')).toBe(1250);
    expect(parsePercent('100')).toBe(10000);
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('-5')).toBeNull();
    expect(formatBp(8000)).toBe('80%');
    expect(formatBp(1250)).toBe('12.5%');
    expect(formatCents(123456)).toBe('$1,234.56');
  });
});

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-5', '0000-01-01', '2024-04-31'])
      expect(isIsoDate(bad), bad).toBe(false);
  });

  it('adds months clamping to month end, and counts days across leap years', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-03-15', 60)).toBe('2028-03-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('policy answers as text', () => {
  it.each([
    ['1 per 36 months', { count: 1, per: 'months', months: 36, sharedWith: [] }],
    ['2 per benefit year', { count: 2, per: 'benefit_year', months: null, sharedWith: [] }],
    ['1 per calendar year', { count: 1, per: 'calendar_year', months: null, sharedWith: [] }],
    ['1 per lifetime', { count: 1, per: 'lifetime', months: null, sharedWith: [] }],
    ['1/60 months', { count: 1, per: 'months', months: 60, sharedWith: [] }],
    // Asked for the codes that may share the pano / full-series limit (the call script's wording).
    [
      '1 per 60 months shared with D0330, d210',
      { count: 1, per: 'months', months: 60, sharedWith: ['D0330', 'D0210'] },
    ],
    [
      '1 per lifetime (shared with D0367)',
      { count: 1, per: 'lifetime', months: null, sharedWith: ['D0367'] },
    ],
  ])('%s', (text, frequency) => {
    expect(parseFrequency(text)).toEqual(frequency);
    expect(parseFrequency(formatFrequency(frequency as never))).toEqual(frequency);
  });

  it('refuses frequencies it cannot read', () => {
    for (const bad of [
      'often',
      '1 per',
      'per 36 months',
      '1 per 0 months',
      '1 per 36 lifetime',
      '1 per 36 months shared with',
      '1 per 36 months shared with the pano',
    ])
      expect(parseFrequency(bad), bad).toBeNull();
  });

  it('reads age limits and unknowns', () => {
    expect(parseAgeLimits('12-18')).toEqual({ min: 12, max: 18 });
    expect(parseAgeLimits('19+')).toEqual({ min: 19, max: null });
    expect(parseAgeLimits('up to 18')).toEqual({ min: null, max: 18 });
    expect(parseAgeLimits('18-12')).toBeNull();
    expect(parsePolicyText('coverageBp', '?')).toEqual({ ok: true, value: null });
    expect(parsePolicyText('coverageBp', '0%')).toEqual({ ok: true, value: 0 });
    expect(parsePolicyText('alternateCode', 'd0210')).toEqual({ ok: true, value: 'D0210' });
    expect(parsePolicyText('frequency', 'sometimes')).toMatchObject({ ok: false });
    expect(formatPolicyValue('coverageBp', 0)).toBe('0%');
    expect(formatPolicyValue('coverageBp', null)).toBe('Unknown');
  });
});
