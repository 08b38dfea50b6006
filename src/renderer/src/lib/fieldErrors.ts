// Main's errors, beside the field they belong to. Main names a field by its dotted path in the request
// (patch.validFrom, patient.dob, lines.0.serviceDate, patch.frequency.months); a form names the fields it
// shows (validFrom, dob, lines.0.serviceDate, frequency). The one rule: the error goes to the form field
// whose name appears in the path nearest its end (the longest name when two end at the same place). An
// error no field of the form claims is the form's own message, shown by the Save button: never dropped.
import { ApiError } from './api';

export type FieldErrors = Record<string, string>;

/** The key of a message about the whole form (or about a field the form does not show). */
export const FORM_ERROR = '_form';

/** Which of `fields` the dotted `path` is about, or null when none is. */
export function fieldForPath(path: string, fields: readonly string[]): string | null {
  const segments = path.split('.');
  let best: { field: string; end: number; length: number } | null = null;
  for (const field of fields) {
    const wanted = field.split('.');
    // Latest place the field's segments appear, in order and together, in the path.
    for (let end = segments.length; end >= wanted.length; end--) {
      if (wanted.every((w, i) => segments[end - wanted.length + i] === w)) {
        if (!best || end > best.end || (end === best.end && wanted.length > best.length))
          best = { field, end, length: wanted.length };
        break;
      }
    }
  }
  return best?.field ?? null;
}

/**
 * The messages a failed save puts on its form: validation errors, and conflicts that name a field (a
 * duplicate name). Null for anything else (the error banner shows those: not found, locked, internal).
 */
export function fieldErrorsFrom(error: unknown, fields: readonly string[]): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'validation') {
    const field = error.field ? fieldForPath(error.field, fields) : null;
    return { [field ?? FORM_ERROR]: error.message };
  }
  if (error.code === 'conflict' && error.field)
    return { [fieldForPath(error.field, fields) ?? FORM_ERROR]: error.message };
  return null;
}
