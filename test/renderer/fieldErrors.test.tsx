// The one mapping from main's error paths to a form's fields, with the paths main really sends.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/renderer/src/lib/api';
import { FORM_ERROR, fieldErrorsFrom, fieldForPath } from '../../src/renderer/src/lib/fieldErrors';

const PA_FIELDS = ['status', 'submittedOn', 'decisionExpectedOn', 'authNumber', 'validFrom', 'validTo'];

describe('fieldForPath', () => {
  it.each([
    // The prior-authorization form sends { id, patch }: zod names patch.validFrom, the service validTo.
    ['patch.validFrom', PA_FIELDS, 'validFrom'],
    ['validTo', PA_FIELDS, 'validTo'],
    ['patient.dob', ['firstName', 'lastName', 'dob'], 'dob'],
    ['coverage.subscriberDob', ['memberId', 'subscriberDob', 'effectiveDate'], 'subscriberDob'],
    ['office.npi', ['name', 'npi', 'tin'], 'npi'],
    ['payer.name', ['name', 'portalUrl'], 'name'],
    // A nested value belongs to the field that holds it.
    ['patch.frequency.months', ['coverageBp', 'frequency'], 'frequency'],
    ['patch.frequency.sharedWith.0', ['frequency'], 'frequency'],
    // Lines: the line's own field, not another line's.
    [
      'lines.1.serviceDate',
      ['lines.0.serviceDate', 'lines.1.serviceDate', 'lines.1.code'],
      'lines.1.serviceDate',
    ],
    // Two candidates: the one nearest the end of the path, then the longer name.
    ['plan.name', ['name', 'plan.name'], 'plan.name'],
    ['patch.coverageByCategory.major', ['coverageByCategory', 'major'], 'major'],
    ['patch.unknownField', PA_FIELDS, null],
    ['', PA_FIELDS, null],
  ] as const)('%s with fields %j is %s', (path, fields, expected) => {
    expect(fieldForPath(path, fields)).toBe(expected);
  });
});

describe('fieldErrorsFrom', () => {
  const validation = (field: string | undefined, message = 'Type a real date, like 12/31/2026.') =>
    new ApiError({ code: 'validation', message, ...(field ? { field } : {}) });

  it('puts a validation error beside its field', () => {
    expect(fieldErrorsFrom(validation('patch.validFrom'), PA_FIELDS)).toEqual({
      validFrom: 'Type a real date, like 12/31/2026.',
    });
  });

  it('never drops an error the form has no field for: it becomes the form message', () => {
    expect(fieldErrorsFrom(validation('patch.approvedUnits'), ['validFrom'])).toEqual({
      [FORM_ERROR]: 'Type a real date, like 12/31/2026.',
    });
    expect(fieldErrorsFrom(validation(undefined, 'This request was not valid.'), PA_FIELDS)).toEqual({
      [FORM_ERROR]: 'This request was not valid.',
    });
  });

  it('a conflict naming a field goes beside it; other errors are the banner’s', () => {
    const duplicate = new ApiError({ code: 'conflict', message: 'Already exists.', field: 'payer.name' });
    expect(fieldErrorsFrom(duplicate, ['name'])).toEqual({ name: 'Already exists.' });
    expect(fieldErrorsFrom(new ApiError({ code: 'conflict', message: 'Changed elsewhere.' }), ['name'])).toBe(
      null,
    );
    expect(fieldErrorsFrom(new ApiError({ code: 'internal', message: 'Oops.' }), ['name'])).toBe(null);
    expect(fieldErrorsFrom(new Error('not from main'), ['name'])).toBe(null);
  });
});
