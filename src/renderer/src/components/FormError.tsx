// A message about the whole form (or a field it does not show), by its Save button: never dropped.
import { FORM_ERROR, type FieldErrors } from '../lib/fieldErrors';

export function FormError({ errors }: { errors: FieldErrors }) {
  const message = errors[FORM_ERROR];
  return message ? (
    <p className="field-error form-message" role="alert">
      {message}
    </p>
  ) : null;
}
