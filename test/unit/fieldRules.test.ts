// VAL-2, VAL-5, VAL-8: the field rules at the IPC boundary, as boundary tables over the contract's own
// schemas (what main parses every payload with).
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/ipc/contract';
import { basisPoints, cdtCode, cents, id, personName } from '../../src/shared/policy/policyTypes';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';

const savePatient = contract['patients:save'].input;
const patientWith = (over: Record<string, unknown>) => ({
  id: null,
  patient: { ...patientInput(), ...over },
});
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('field rules (VAL-2)', () => {
  it('names are 1 to 100 characters after trimming, NFC, with no control or format characters', () => {
    expect(ok(personName, '')).toBe(false);
    expect(ok(personName, '   ')).toBe(false);
    expect(ok(personName, 'A')).toBe(true);
    expect(ok(personName, 'A'.repeat(100))).toBe(true);
    expect(ok(personName, 'A'.repeat(101))).toBe(false);
    expect(ok(personName, `  ${'A'.repeat(100)}  `)).toBe(true); // trimmed first
    expect(ok(personName, 'Ana\u202Eevil')).toBe(false); // right-to-left override
    expect(ok(personName, 'Ana\u200Bmaria')).toBe(false); // zero-width space
    expect(ok(personName, 'Ana\u0007')).toBe(false); // a control character
    expect(personName.parse('Jose\u0301')).toBe('Jos\u00e9'); // NFC
  });

  it('payer and plan names (the pack importer takes the same schema): no bidi overrides, zero-width or broken characters', () => {
    const payer = contract['payers:save'].input;
    const payerNamed = (name: string) => ok(payer, { id: null, payer: { ...payerInput(), name } });
    expect(payerNamed('Delta Synthetic')).toBe(true);
    expect(payerNamed('Synthetic\u202Etnecca')).toBe(false); // right-to-left override
    expect(payerNamed('Synthetic\u2066Dental')).toBe(false); // left-to-right isolate
    expect(payerNamed('Synth\u200Betic')).toBe(false); // zero-width space
    expect(payerNamed('Synthetic \uD800 Dental')).toBe(false); // a lone surrogate: half a character
    expect(payerNamed('Synthetic Dental 😀')).toBe(true); // a whole character outside the BMP is fine
    const plan = contract['plans:save'].input;
    expect(ok(plan, { id: null, plan: { ...planInput(1), name: 'PPO\u202E' } })).toBe(false);
    expect(ok(plan, { id: null, plan: { ...planInput(1), name: 'PPO \uDC00' } })).toBe(false);
    expect(ok(personName, 'Ana \uD83D')).toBe(false);
  });

  it('member IDs, CDT codes and ids', () => {
    const coverage = contract['coverages:save'].input;
    const base = { id: null, coverage: coverageInput(1, 1, { effectiveDate: null }) };
    const member = (memberId: string) => ok(coverage, { ...base, coverage: { ...base.coverage, memberId } });
    expect(member('A')).toBe(true);
    expect(member('ABC-123')).toBe(true);
    expect(member('A'.repeat(30))).toBe(true);
    expect(member('A'.repeat(31))).toBe(false);
    expect(member('')).toBe(false);
    expect(member('ABC 123')).toBe(false);
    expect(member('ABC_123')).toBe(false);

    expect(cdtCode.parse('d0120')).toBe('D0120');
    expect(ok(cdtCode, 'D012')).toBe(false);
    expect(ok(cdtCode, 'D01200')).toBe(false);
    for (const bad of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, '1', null])
      expect(ok(id, bad), String(bad)).toBe(false);
    expect(ok(id, 1)).toBe(true);
  });

  it('unknown keys and __proto__ are refused, and Object.prototype stays clean', () => {
    expect(ok(savePatient, patientWith({ extra: 1 }))).toBe(false);
    const hostile = JSON.parse(
      `{"id":null,"patient":${JSON.stringify(patientInput())},"__proto__":{"polluted":true}}`,
    );
    expect(ok(savePatient, hostile)).toBe(false);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('at most 100 estimate lines', () => {
    const line = { code: 'D0367', tooth: null, serviceDate: '2026-12-10', feeCents: 45_000 };
    const request = (n: number) => ({
      patientId: 1,
      selfPay: false,
      lines: Array.from({ length: n }, () => line),
    });
    const compute = contract['estimate:compute'].input;
    expect(ok(compute, request(100))).toBe(true);
    expect(ok(compute, request(101))).toBe(false);
    expect(ok(compute, request(0))).toBe(false);
  });
});

describe('money and rates (VAL-5)', () => {
  it.each([12.5, -1, 1e21, Number.NaN, Number.POSITIVE_INFINITY, '100', 100_000_001])(
    'cents refuse %s',
    (bad) => {
      expect(ok(cents, bad)).toBe(false);
    },
  );
  it('cents refuse a BigInt; the bounds are 0 and $1,000,000', () => {
    expect(ok(cents, 100n)).toBe(false);
    expect(ok(cents, 0)).toBe(true);
    expect(ok(cents, 100_000_000)).toBe(true);
  });
  it.each([-1, 10_001, 50.5, '5000'])('basis points refuse %s', (bad) => {
    expect(ok(basisPoints, bad)).toBe(false);
  });
});

describe('dates of birth (VAL-8)', () => {
  it.each([
    ['2024-02-29', true],
    ['1900-01-01', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-5', false],
    ['0000-01-01', false],
    ['1899-12-31', false],
  ] as const)('%s: %s', (dob, accepted) => {
    expect(ok(savePatient, patientWith({ dob }))).toBe(accepted);
  });
});
