// Find a patient by name as you type; the six best matches are listed. Keyboard: the arrows move through
// the matches without leaving the box, Enter picks the one marked (the first, until an arrow moves it).
// Used wherever a screen starts from a patient (estimate, call).
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { PatientSummary } from '../../../shared/policy/policyViews';
import { call } from '../lib/api';

export function PatientPicker({
  id,
  onPick,
  autoFocus = false,
}: {
  id: string;
  onPick: (patient: PatientSummary) => void;
  /** Take focus when shown: the screen starts here. */
  autoFocus?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PatientSummary[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    let current = true;
    void call('patients:search', { query }).then(
      (r) => {
        if (!current) return;
        setResults(r);
        setActive(0);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [query]);
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
      <label htmlFor={id}>Patient</label>
      <input
        id={id}
        value={query}
        placeholder="Type a name, then ↓ and Enter"
        autoComplete="off"
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls={`${id}-matches`}
        aria-activedescendant={shown[active] ? `${id}-match-${shown[active].id}` : undefined}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul className="picker" id={`${id}-matches`} role="listbox" aria-label="Matches">
        {shown.map((p, i) => (
          <li key={p.id} id={`${id}-match-${p.id}`} role="option" aria-selected={i === active}>
            <button
              type="button"
              tabIndex={-1}
              className={i === active ? 'tree-item active' : 'tree-item'}
              onClick={() => onPick(p)}
            >
              {p.lastName}, {p.firstName} <span className="muted small">born {p.dob}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
