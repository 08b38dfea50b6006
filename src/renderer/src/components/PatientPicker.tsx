// Find a patient as you type (name in any order, birth date, member ID); the six best matches are
// buttons with the birth date to tell people apart. Used wherever a screen starts from a patient.
import { useEffect, useState } from 'react';
import { formatDate } from '../../../shared/dates/typedDate';
import type { PatientSummary } from '../../../shared/policy/policyViews';
import { call } from '../lib/api';

export function PatientPicker({
  id,
  onPick,
  label = 'Patient',
  recentWhenEmpty = true,
}: {
  id: string;
  onPick: (patient: PatientSummary) => void;
  label?: string;
  /** Offer the recently changed patients before anything is typed (not where a list would be clutter). */
  recentWhenEmpty?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; results: PatientSummary[] } | null>(null);
  useEffect(() => {
    if (!recentWhenEmpty && query.trim() === '') return;
    let current = true;
    void call('patients:search', { query }).then(
      (results) => current && setFound({ query, results }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [query, recentWhenEmpty]);
  const results = !recentWhenEmpty && query.trim() === '' ? [] : (found?.results ?? []);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={query}
        placeholder="Name, birth date or member ID"
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim() !== '' && found?.query === query && results.length === 0 && (
        <p className="muted no-match" role="status">
          No patient matches “{query.trim()}”. Try the last name alone, the birth date or the member ID.
        </p>
      )}
      <ul className="picker">
        {results.slice(0, 6).map((p) => (
          <li key={p.id}>
            <button type="button" className="tree-item person" onClick={() => onPick(p)}>
              <span>
                {p.lastName}, {p.firstName}
              </span>
              <span className="person-dob">born {formatDate(p.dob)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
