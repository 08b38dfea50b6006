// The search box and its results, as an accessible combobox over a grouped listbox (CDT codes,
// ICD-10-CM diagnoses, CPT hints): type, arrow keys move through every row, Enter opens (or shows the
// rest of a group).
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import {
  TERM_SOURCE_LABELS,
  type ResultType,
  type SearchResult,
} from '../../../../shared/catalog/catalogTypes';
import { Flags } from '../../components/Flags';
import { Kbd } from '../../components/Kbd';
import { plural } from '../../lib/plural';
import { useCatalogStore } from '../../stores/catalogStore';
import { groupResults, type ResultRow } from '../../stores/resultGroups';

/** Why a diagnosis (or a code found by the practice's licensed text) matched, when its title does not say. */
function viaText(result: SearchResult): string | null {
  if (!result.via) return null;
  if (result.type === 'cdt' && result.via.source !== 'licensed') return null;
  return `found by “${result.via.text}” (${TERM_SOURCE_LABELS[result.via.source]})`;
}

const MORE_LABELS: Record<ResultType, string> = { cdt: 'CDT code', icd10: 'diagnosis', cpt: 'CPT hint' };
const MORE_PLURALS: Record<ResultType, string> = { cdt: 'CDT codes', icd10: 'diagnoses', cpt: 'CPT hints' };

const ResultItem = memo(function ResultItem({
  row,
  index,
  id,
  highlighted,
  onPick,
}: {
  row: ResultRow;
  index: number;
  id: string;
  highlighted: boolean;
  onPick: (index: number) => void;
}) {
  const className = (extra: string) => `result${extra}${highlighted ? ' highlighted' : ''}`;
  const pick = (e: MouseEvent) => {
    e.preventDefault();
    onPick(index);
  };
  if (row.kind === 'more') {
    return (
      <li
        id={id}
        role="option"
        aria-selected={highlighted}
        className={className(' result-more')}
        onMouseDown={pick}
      >
        Show {plural(row.hidden, `more ${MORE_LABELS[row.type]}`, `more ${MORE_PLURALS[row.type]}`)}
      </li>
    );
  }
  const r = row.result;
  const via = viaText(r);
  return (
    <li
      id={id}
      role="option"
      aria-selected={highlighted}
      className={className(r.deleted ? ' deleted' : '')}
      onMouseDown={pick}
    >
      <span className="result-code">{r.code}</span>
      <span className="result-main">
        <span className="result-title" title={r.title}>
          {r.title}
        </span>
        <span className="result-detail">
          {r.detail}
          {via && <span className="result-via"> · {via}</span>}
          <Flags deleted={r.deleted} oftenPriorAuth={r.oftenPriorAuth} oftenMedical={r.oftenMedical} />
        </span>
      </span>
    </li>
  );
});

export function SearchPanel({ idPrefix }: { idPrefix: string }) {
  const query = useCatalogStore((s) => s.query);
  const response = useCatalogStore((s) => s.response);
  const status = useCatalogStore((s) => s.status);
  const highlighted = useCatalogStore((s) => s.highlighted);
  const expanded = useCatalogStore((s) => s.expanded);
  const setQuery = useCatalogStore((s) => s.setQuery);
  const move = useCatalogStore((s) => s.move);
  const activate = useCatalogStore((s) => s.activate);
  const prepareSearch = useCatalogStore((s) => s.prepareSearch);
  const input = useRef<HTMLInputElement>(null);

  // Before paint: once the box is visible it has focus, so no typed key is lost.
  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  // After paint: fetch what the window needs to answer keystrokes itself.
  useEffect(() => prepareSearch(), [prepareSearch]);

  const listId = `${idPrefix}-results`;
  const optionId = (i: number) => `${idPrefix}-option-${i}`;
  // Recomputed per response; a window resized between keystrokes gets its new row counts on the next one.
  const { groups, rows } = useMemo(() => groupResults(response.results, expanded), [response, expanded]);
  const pick = useCallback(
    (index: number) => {
      useCatalogStore.setState({ highlighted: index });
      void activate();
    },
    [activate],
  );

  // Keep the highlighted row in view when the arrow keys move past the edge of the window (focus stays
  // in the box, so the browser does not scroll to it by itself).
  const highlightedId = optionId(highlighted);
  useEffect(() => {
    document.getElementById(highlightedId)?.scrollIntoView?.({ block: 'nearest' });
  }, [highlightedId]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && rows.length > 0) {
      event.preventDefault();
      void activate();
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
        aria-expanded={rows.length > 0}
        aria-controls={listId}
        aria-activedescendant={rows.length > 0 ? optionId(highlighted) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. D0367, cbct both jaws, stone in the salivary duct, K11.5"
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
      <div
        id={listId}
        role="listbox"
        className="results"
        aria-label="Search results"
        hidden={rows.length === 0}
      >
        {groups.map((group) => {
          const headingId = `${idPrefix}-group-${group.type}`;
          return (
            <ul key={group.type} role="group" aria-labelledby={headingId} className="result-group">
              <li role="presentation" id={headingId} className="result-group-heading">
                {group.label} <span className="result-group-count">({group.total})</span>
              </li>
              {group.rows.map(({ row, index }) => (
                <ResultItem
                  key={row.kind === 'result' ? `${row.result.type}:${row.result.code}` : `more:${row.type}`}
                  row={row}
                  index={index}
                  id={optionId(index)}
                  highlighted={index === highlighted}
                  onPick={pick}
                />
              ))}
            </ul>
          );
        })}
      </div>
      {status === 'ready' && rows.length === 0 && (
        <p className="muted">Nothing matches. Try the code number, or fewer words.</p>
      )}
    </div>
  );
}
