// Find a patient as you type (name in any order and without accents, birth date, member ID); the six best
// matches are listed with the birth date to tell people apart, and a line says when nothing matches.
// Keyboard: the arrows move through the matches without leaving the box, Enter picks the one marked (the
// first, until an arrow moves it). Used wherever a screen starts from a patient (estimate, call, audit).
import { useEffect, useState, type KeyboardEvent } from 'react';
import { formatDate } from '../../../shared/dates/typedDate';
import type { PatientSummary } from '../../../shared/policy/policyViews';
import { call } from '../lib/api';

export function PatientPicker({
  id,
  onPick,
  label = 'Patient',
  recentWhenEmpty = true,
  autoFocus = false,
}: {
  id: string;
  onPick: (patient: PatientSummary) => void;
  label?: string;
  /** Offer the recently changed patients before anything is typed (not where a list would be clutter). */
  recentWhenEmpty?: boolean;
  /** Take focus when shown: the screen starts here. */
  autoFocus?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; results: PatientSummary[] } | null>(null);
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (!recentWhenEmpty && query.trim() === '') return;
    let current = true;
    void call('patients:search', { query }).then(
      (results) => {
        if (!current) return;
        setFound({ query, results });
        setActive(0);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [query, recentWhenEmpty]);
  const results = !recentWhenEmpty && query.trim() === '' ? [] : (found?.results ?? []);
  const shown = results.slice(0, 6);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + shown.length) % shown.length);
    } else if (event.key === 'Enter' && shown[active]) {
      event.preventDefault();
      onPick(shown[active]);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={query}
        placeholder="Name, birth date or member ID, then ↓ and Enter"
        autoComplete="off"
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls={`${id}-matches`}
        aria-activedescendant={shown[active] ? `${id}-match-${shown[active].id}` : undefined}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' && found?.query === query && results.length === 0 && (
        <p className="muted no-match" role="status">
          No patient matches “{query.trim()}”. Try the last name alone, the birth date or the member ID.
        </p>
      )}
      <ul className="picker" id={`${id}-matches`} role="listbox" aria-label="Matches">
        {shown.map((p, i) => (
          <li key={p.id} id={`${id}-match-${p.id}`} role="option" aria-selected={i === active}>
            <button
              type="button"
              tabIndex={-1}
              className={i === active ? 'tree-item person active' : 'tree-item person'}
              onClick={() => onPick(p)}
            >
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
