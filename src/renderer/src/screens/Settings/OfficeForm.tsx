import { useState, type FormEvent } from 'react';
import type { Office } from '../../../../shared/settings/settings';
import { useSettingsStore } from '../../stores/settingsStore';

const FIELDS: Array<{ key: keyof Office; label: string; hint?: string }> = [
  { key: 'name', label: 'Practice name' },
  { key: 'addressLine1', label: 'Address' },
  { key: 'addressLine2', label: 'City, state, ZIP' },
  { key: 'phone', label: 'Phone' },
  { key: 'npi', label: 'NPI', hint: '10 digits' },
  { key: 'tin', label: 'TIN', hint: 'like 12-3456789' },
];

export function OfficeForm({ initial }: { initial: Office }) {
  const [office, setOffice] = useState<Office>(initial);
  const fieldErrors = useSettingsStore((s) => s.fieldErrors);
  const savedAt = useSettingsStore((s) => s.savedAt);
  const saveOffice = useSettingsStore((s) => s.saveOffice);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void saveOffice(office);
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Office header">
      {FIELDS.map((field) => {
        const error = fieldErrors[field.key];
        const id = `office-${field.key}`;
        return (
          <div className="field" key={field.key}>
            <label htmlFor={id}>
              {field.label}
              {field.hint && <span className="hint"> ({field.hint})</span>}
            </label>
            <input
              id={id}
              value={office[field.key]}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => setOffice({ ...office, [field.key]: e.target.value })}
            />
            {error && (
              <p className="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="primary">
          Save office header
        </button>
        {savedAt !== null && <span className="saved">Saved.</span>}
      </div>
    </form>
  );
}
