// Find a patient by name as you type; the six best matches are buttons. Used wherever a screen starts
// from a patient (estimate, call).
import { useEffect, useState } from 'react';
import type { PatientSummary } from '../../../shared/policy/policyViews';
import { call } from '../lib/api';

export function PatientPicker({ id, onPick }: { id: string; onPick: (patient: PatientSummary) => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PatientSummary[]>([]);
  useEffect(() => {
    let current = true;
    void call('patients:search', { query }).then(
      (r) => current && setResults(r),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [query]);
  return (
    <div className="field">
      <label htmlFor={id}>Patient</label>
      <input
        id={id}
        value={query}
        placeholder="Type a name"
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="picker">
        {results.slice(0, 6).map((p) => (
          <li key={p.id}>
            <button type="button" className="tree-item" onClick={() => onPick(p)}>
              {p.lastName}, {p.firstName} <span className="muted small">born {p.dob}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
