// The search box and its results, as an accessible combobox: type, arrow keys move, Enter opens.
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { Flags } from '../../components/Flags';
import { Kbd } from '../../components/Kbd';
import { useCatalogStore } from '../../stores/catalogStore';

export function SearchPanel({ idPrefix }: { idPrefix: string }) {
  const query = useCatalogStore((s) => s.query);
  const response = useCatalogStore((s) => s.response);
  const status = useCatalogStore((s) => s.status);
  const highlighted = useCatalogStore((s) => s.highlighted);
  const setQuery = useCatalogStore((s) => s.setQuery);
  const move = useCatalogStore((s) => s.move);
  const open = useCatalogStore((s) => s.open);
  const input = useRef<HTMLInputElement>(null);

  // Before paint: once the box is visible it has focus, so no typed key is lost.
  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const listId = `${idPrefix}-results`;
  const optionId = (i: number) => `${idPrefix}-option-${i}`;
  const results = response.results;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      const chosen = results[highlighted];
      if (chosen) {
        event.preventDefault();
        void open(chosen.type, chosen.code);
      }
    }
  };

  return (
    <div className="search">
      <label htmlFor={`${idPrefix}-input`} className="search-label">
        Code, word or diagnosis
      </label>
      <input
        id={`${idPrefix}-input`}
        ref={input}
        className="search-input"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={results.length > 0 ? optionId(highlighted) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. D0367, cbct both jaws, sialo, K11.5"
        value={query}
        onChange={(e) => void setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="search-hint">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> choose · <Kbd>Enter</Kbd> open
        {response.corrections.length > 0 && (
          <span className="corrections">
            {' '}
            · Also searched for{' '}
            {response.corrections.map((c) => `"${c.to.join('", "')}" (for "${c.from}")`).join('; ')}
          </span>
        )}
      </p>
      <ul id={listId} role="listbox" className="results" aria-label="Search results">
        {results.map((r, i) => (
          <li
            key={`${r.type}:${r.code}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === highlighted}
            className={`result${i === highlighted ? ' highlighted' : ''}${r.deleted ? ' deleted' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              void open(r.type, r.code);
            }}
          >
            <span className="result-code">{r.code}</span>
            <span className="result-main">
              <span className="result-title">{r.title}</span>
              <span className="result-detail">
                {r.detail}
                <Flags deleted={r.deleted} oftenPriorAuth={r.oftenPriorAuth} oftenMedical={r.oftenMedical} />
              </span>
            </span>
          </li>
        ))}
      </ul>
      {status === 'ready' && results.length === 0 && (
        <p className="muted">Nothing matches. Try the code number, or fewer words.</p>
      )}
    </div>
  );
}
