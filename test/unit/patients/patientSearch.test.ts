// Patient search as the desk types it: each form a person uses finds Ana Ramírez, and near misses do not.
import { describe, expect, it } from 'vitest';
import {
  comparePatients,
  matchesPatient,
  parsePatientQuery,
  type SearchablePatient,
} from '../../../src/shared/patients/patientSearch';

// The two-digit birth year is decided against this day; the point of the test, so a literal.
const TODAY = '2026-12-06';

const ANA: SearchablePatient = {
  firstName: 'Ana',
  lastName: 'Ramírez',
  dob: '1970-01-02',
  memberIds: ['MRK987654321'],
};
const OTHERS: SearchablePatient[] = [
  { firstName: 'Anabel', lastName: 'Ramos', dob: '1985-03-04', memberIds: ['W55501'] },
  { firstName: 'José', lastName: 'García-López', dob: '1970-01-02', memberIds: [] },
  { firstName: 'Mario', lastName: 'Ramirezco', dob: '1999-09-09', memberIds: ['ZZ-1234-5678'] },
];

const finds = (query: string) =>
  [ANA, ...OTHERS].filter((p) => matchesPatient(p, parsePatientQuery(query, TODAY)));

describe('patient search forms', () => {
  it.each([
    'ramirez ana',
    'Ramirez, Ana',
    'Ramírez, Ana',
    'ana ramirez',
    'ANA RAMÍREZ',
    'ramirez,ana',
    'Ram, An',
    '01/02/1970 ramirez',
    'ramirez 1/2/70',
    'MRK987654321',
    'mrk98765',
    'MRK-9876-54321',
    '54321',
  ])('%j finds Ana Ramírez', (query) => {
    expect(finds(query)).toContain(ANA);
  });

  it.each([
    ['Ramirez', [ANA, OTHERS[2]]],
    ['ramirez ana', [ANA]],
    ['Ana', [ANA, OTHERS[0]]],
    // A birth date in any typed form finds everyone born that day.
    ['01/02/1970', [ANA, OTHERS[1]]],
    ['1/2/70', [ANA, OTHERS[1]]],
    ['1970-01-02', [ANA, OTHERS[1]]],
    ['01021970', [ANA, OTHERS[1]]],
    // Compound and accented names: each part is a name word.
    ['lopez jose', [OTHERS[1]]],
    ['garcia', [OTHERS[1]]],
    // Member IDs: the start or the last digits, dashes and spaces ignored; never a middle fragment.
    ['w555', [OTHERS[0]]],
    ['12345678', [OTHERS[2]]],
    ['5678', [OTHERS[2]]],
    ['7654', []],
    ['ramirez 1985-03-04', []],
    ['ramirez beatriz', []],
    ['02/30/1970', []],
  ] as const)('%j finds exactly the right people', (query, expected) => {
    expect(finds(query)).toEqual(expected);
  });

  it('an empty query has no terms (the list shows recent patients instead)', () => {
    expect(parsePatientQuery('   ', TODAY).terms).toEqual([]);
    expect(parsePatientQuery(' , ', TODAY).terms).toEqual([]);
  });

  it('orders a last name typed in full before one it only starts', () => {
    const query = parsePatientQuery('ramirez', TODAY);
    const sorted = [OTHERS[2]!, ANA].sort(comparePatients(query));
    expect(sorted).toEqual([ANA, OTHERS[2]]);
  });
});
