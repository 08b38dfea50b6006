// The office header's numbers: the NPI by its check digit (the CMS Luhn rule over 80840 and the first
// nine digits), the TIN by its form, and whether a header is complete enough to print.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOfficeReady,
  isValidNpi,
  isValidTin,
  normaliseNpi,
  normaliseTin,
  officeProblems,
} from '../../../src/shared/settings/officeChecks';
import { settingsPatchSchema, type Office } from '../../../src/shared/settings/settings';

describe('NPI check digit', () => {
  it.each([
    // CMS's worked example: 123456789 -> check digit 3.
    ['1234567893', true],
    ['1234567890', false],
    ['1234567894', false],
    ['123456789', false],
    ['12345678930', false],
    ['123456789a', false],
    ['', false],
  ])('%s is %s', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });

  it('exactly one check digit completes any nine digits, and any single wrong digit is caught', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{9}$/),
        fc.nat(9),
        fc.integer({ min: 1, max: 9 }),
        (base, at, bump) => {
          const valid = [...'0123456789'].filter((d) => isValidNpi(`${base}${d}`));
          expect(valid).toHaveLength(1);
          const npi = `${base}${valid[0]}`;
          const wrong = npi.slice(0, at) + String((Number(npi[at]) + bump) % 10) + npi.slice(at + 1);
          expect(isValidNpi(wrong)).toBe(false);
        },
      ),
    );
  });

  it('spaces and dashes typed from a letter are dropped', () => {
    expect(normaliseNpi('123-456 7893')).toBe('1234567893');
  });
});

describe('TIN form', () => {
  it.each([
    ['12-3456789', true],
    ['00-3456789', false],
    ['12-345678', false],
    ['123-45-6789', false],
    ['123456789', false],
  ])('%s is %s', (tin, valid) => {
    expect(isValidTin(tin)).toBe(valid);
  });

  it('nine digits typed without the dash are written with it', () => {
    expect(normaliseTin('123456789')).toBe('12-3456789');
    expect(normaliseTin(' 12 3456789 ')).toBe('12-3456789');
    expect(normaliseTin('123-45-6789')).toBe('12-3456789');
    expect(normaliseTin('12-34')).toBe('12-34');
  });
});

describe('a header complete enough to print', () => {
  const office: Office = {
    name: 'Synthetic Smiles Dental (test)',
    addressLine1: '1 Example Way',
    addressLine2: 'Testville, ST 00000',
    phone: '555-0100',
    npi: '1234567893',
    tin: '12-3456789',
  };

  it('needs every field, and a real NPI and TIN', () => {
    expect(isOfficeReady(office)).toBe(true);
    expect(officeProblems({ ...office, name: ' ' })).toEqual({
      name: expect.stringMatching(/practice’s name/),
    });
    expect(officeProblems({ ...office, npi: '1234567890' })).toEqual({
      npi: expect.stringMatching(/check digit/),
    });
    expect(officeProblems({ ...office, tin: '12-34' })).toEqual({ tin: expect.stringMatching(/12-3456789/) });
    expect(Object.keys(officeProblems({ ...office, phone: '', addressLine2: '' })).sort()).toEqual([
      'addressLine2',
      'phone',
    ]);
  });

  it('main refuses a changed NPI that fails its check digit, and writes a typed TIN with its dash', () => {
    const refused = settingsPatchSchema.safeParse({ office: { npi: '1234567890' } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['office', 'npi'],
      message: expect.stringMatching(/check digit/),
    });
    expect(settingsPatchSchema.parse({ office: { npi: '1234 5678 93', tin: '123456789' } }).office).toEqual({
      npi: '1234567893',
      tin: '12-3456789',
    });
    expect(settingsPatchSchema.parse({ office: { npi: '', tin: '' } }).office).toEqual({ npi: '', tin: '' });
  });
});
