// Turns a validation error from main into "message beside the field".
import { ApiError } from './api';

export type FieldErrors = Record<string, string>;

/** The field error for an ApiError (validation or conflict naming a field), or null. */
export function fieldErrorsFrom(error: unknown, prefix = ''): FieldErrors | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  if (error.code !== 'validation' && error.code !== 'conflict') return null;
  const key = error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
  return { [key]: error.message };
}
