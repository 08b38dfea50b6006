// The office header printed on every cost summary, Good Faith Estimate and verification record. The NPI
// is checked by its check digit and the TIN by its form before anything is sent (main checks again).
import { useState, type FormEvent } from 'react';
import {
  OFFICE_LABELS,
  isValidNpi,
  isValidTin,
  normaliseNpi,
  normaliseTin,
  NPI_MESSAGE,
  officeProblems,
  TIN_MESSAGE,
} from '../../../../shared/settings/officeChecks';
import type { Office } from '../../../../shared/settings/settings';
import { FormError } from '../../components/FormError';
import type { FieldErrors } from '../../lib/fieldErrors';
import { useSettingsStore } from '../../stores/settingsStore';

const FIELDS: Array<{ key: keyof Office; hint?: string; placeholder?: string; wide?: boolean }> = [
  { key: 'name', placeholder: 'Bright Smiles Family Dentistry', wide: true },
  { key: 'addressLine1', placeholder: '100 Main Street, Suite 2' },
  { key: 'addressLine2', placeholder: 'Springfield, IL 62701' },
  { key: 'phone', placeholder: '(555) 010-0100' },
  { key: 'npi', hint: '10 digits' },
  { key: 'tin', hint: 'EIN, like 12-3456789' },
];

/** What is wrong with the numbers as typed (and, when `complete`, what is missing). */
function localProblems(office: Office, complete: boolean): FieldErrors {
  if (complete) return officeProblems(office);
  const problems: FieldErrors = {};
  if (office.npi !== '' && !isValidNpi(office.npi))
    problems.npi = /^\d{10}$/.test(office.npi) ? NPI_MESSAGE : 'An NPI is exactly 10 digits.';
  if (office.tin !== '' && !isValidTin(office.tin)) problems.tin = TIN_MESSAGE;
  return problems;
}

export function OfficeForm({
  initial,
  requireComplete = false,
  submitLabel = 'Save office header',
  onSaved,
}: {
  initial: Office;
  /** First-start setup: every field a printout needs must be there. */
  requireComplete?: boolean;
  submitLabel?: string;
  onSaved?: () => void;
}) {
  const [office, setOffice] = useState<Office>(initial);
  const [local, setLocal] = useState<FieldErrors>({});
  const serverErrors = useSettingsStore((s) => s.fieldErrors);
  const savedAt = useSettingsStore((s) => s.savedAt);
  const saveOffice = useSettingsStore((s) => s.saveOffice);
  const [savedNow, setSavedNow] = useState(false);
  const errors = { ...serverErrors, ...local };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = { ...office, npi: normaliseNpi(office.npi), tin: normaliseTin(office.tin) };
    setOffice(cleaned);
    const problems = localProblems(cleaned, requireComplete);
    setLocal(problems);
    setSavedNow(false);
    if (Object.keys(problems).length > 0) return;
    void saveOffice(cleaned).then((ok) => {
      setSavedNow(ok);
      if (ok) onSaved?.();
    });
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Office header" noValidate>
      {FIELDS.map((field) => {
        const error = errors[field.key];
        const id = `office-${field.key}`;
        return (
          <div className={field.wide ? 'field span-all' : 'field'} key={field.key}>
            <label htmlFor={id}>
              {OFFICE_LABELS[field.key]}
              {field.hint && <span className="hint"> ({field.hint})</span>}
            </label>
            <input
              id={id}
              value={office[field.key]}
              placeholder={field.placeholder}
              autoFocus={requireComplete && field.key === 'name'}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => {
                setOffice({ ...office, [field.key]: e.target.value });
                setSavedNow(false);
              }}
            />
            {error && (
              <p className="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
      <FormError errors={errors} />
      <div className="form-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {savedNow && savedAt !== null && (
          <span className="saved" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
