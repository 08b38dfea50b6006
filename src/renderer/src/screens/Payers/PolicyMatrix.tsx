// Codes down (with our summary of each), policy fields across. Arrow keys move between cells; Enter (or
// just typing) edits a cell in place; Enter saves, Esc cancels. Each cell shows known / unknown / stale
// at a glance. The fields asked on every call come first (prior authorization among them, so it is on
// screen at 1366 pixels); the PA details and notes are one toggle away. A filter narrows the codes.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatPolicyValue, parsePolicyText } from '../../../../shared/policy/fieldText';
import {
  CATEGORIES,
  LABELS,
  PA_METHODS,
  POLICY_FIELD_LABELS,
  PRIOR_AUTH,
  TRI_STATES,
  type PolicyField,
} from '../../../../shared/policy/policyTypes';
import type { PolicyMatrix as Matrix } from '../../../../shared/policy/policyViews';
import { Kbd } from '../../components/Kbd';
import { ProvenanceLine, provenanceText } from '../../components/Provenance';
import { foldedWords } from '../../../../shared/text/foldedWords';
import { printName } from '../../../../shared/catalog/printNames';
import { usePayersStore } from '../../stores/payersStore';

const MAIN_COLUMNS: PolicyField[] = [
  'covered',
  'coverageBp',
  'priorAuth',
  'frequency',
  'category',
  'ageLimits',
  'medicalFirst',
];
const MORE_COLUMNS: PolicyField[] = ['paMethod', 'paTurnaroundDays', 'alternateCode', 'notes'];

/** Does a row match what was typed in the filter: the code, or words of its summary. */
function rowMatches(row: { code: string; summary: string }, filter: string): boolean {
  const words = foldedWords(filter);
  if (words.length === 0) return true;
  const haystack = [row.code.toLowerCase(), ...foldedWords(`${printName(row.code, 'en')} ${row.summary}`)];
  // A code may be typed without its D (0367) or its leading zero (367).
  return words.every((w) =>
    haystack.some((h) => h.startsWith(w) || h.startsWith(`d${w}`) || h.startsWith(`d0${w}`)),
  );
}

const CHOICES: Partial<Record<PolicyField, ReadonlyArray<readonly [string, string]>>> = {
  covered: TRI_STATES.map((t) => [t, LABELS.triState[t]] as const),
  medicalFirst: TRI_STATES.map((t) => [t, LABELS.triState[t]] as const),
  priorAuth: PRIOR_AUTH.map((p) => [p, LABELS.priorAuth[p]] as const),
  category: [['', 'Unknown'], ...CATEGORIES.map((c) => [c, LABELS.category[c]] as const)],
  paMethod: [['', 'Unknown'], ...PA_METHODS.map((m) => [m, LABELS.paMethod[m]] as const)],
};

function editText(field: PolicyField, value: unknown): string {
  if (value === null || value === 'unknown') return '';
  return CHOICES[field]
    ? String(value)
    : formatPolicyValue(field, value)
        .replace(/^ages /, '')
        .replace(/ days$/, '');
}

export function PolicyMatrix({ matrix }: { matrix: Matrix }) {
  const setPolicy = usePayersStore((s) => s.setPolicy);
  const [allColumns, setAllColumns] = useState(false);
  const [filter, setFilter] = useState('');
  const COLUMNS = allColumns ? [...MAIN_COLUMNS, ...MORE_COLUMNS] : MAIN_COLUMNS;
  const rows = matrix.rows.filter((row) => rowMatches(row, filter));
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const [editing, setEditing] = useState<{ text: string; error: string | null } | null>(null);
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const key = (r: number, c: number) => `${r}:${c}`;
  // After an edit closes, focus goes back to its cell once React has put the cell back in the page, and
  // before the browser paints it, so a key pressed as soon as the cell shows is never lost.
  const [refocus, setRefocus] = useState(0);
  useLayoutEffect(() => {
    if (refocus > 0) cells.current.get(key(active[0], active[1]))?.focus();
    // Only a new refocus request should move focus, not every change of the active cell.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refocus]);
  const closeEditor = () => {
    setEditing(null);
    setRefocus((n) => n + 1);
  };

  const focusCell = (r: number, c: number) => {
    const row = Math.max(0, Math.min(rows.length - 1, r));
    const col = Math.max(0, Math.min(COLUMNS.length - 1, c));
    setActive([row, col]);
    cells.current.get(key(row, col))?.focus();
  };

  const startEdit = (r: number, c: number, initial?: string) => {
    setActive([r, c]);
    const field = COLUMNS[c]!;
    setEditing({ text: initial ?? editText(field, rows[r]!.cells[field].value), error: null });
  };

  const commit = async () => {
    if (!editing) return;
    const [r, c] = active;
    const field = COLUMNS[c]!;
    const row = rows[r]!;
    let value: unknown;
    if (CHOICES[field]) {
      value =
        editing.text === ''
          ? field === 'category' || field === 'paMethod'
            ? null
            : 'unknown'
          : editing.text;
    } else {
      const parsed = parsePolicyText(field, editing.text);
      if (!parsed.ok) {
        setEditing({ ...editing, error: parsed.message });
        return;
      }
      value = parsed.value;
    }
    const error = await setPolicy(matrix.plan.id, row.code, { [field]: value });
    if (error) {
      setEditing({ ...editing, error });
      return;
    }
    closeEditor();
  };

  const onCellKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const [r, c] = active;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: [r, 0],
      End: [r, COLUMNS.length - 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusCell(move[0], move[1]);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEdit(r, c);
    } else if (
      event.key.length === 1 &&
      !event.ctrlKey &&
      !event.altKey &&
      !event.metaKey &&
      !CHOICES[COLUMNS[c]!]
    ) {
      event.preventDefault();
      startEdit(r, c, event.key);
    }
  };

  const onEditorKey = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeEditor();
    }
  };

  return (
    <>
      <div className="matrix-tools">
        <div className="field">
          <label htmlFor="matrix-filter">Filter codes</label>
          <input
            id="matrix-filter"
            value={filter}
            autoComplete="off"
            placeholder="0367, or words like cone beam"
            onChange={(e) => {
              setFilter(e.target.value);
              setActive([0, active[1]]);
              setEditing(null);
            }}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={allColumns}
            onChange={(e) => {
              setAllColumns(e.target.checked);
              setActive([active[0], 0]);
              setEditing(null);
            }}
          />{' '}
          Show PA details, alternate code and notes
        </label>
      </div>
      <p className="muted small matrix-help">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> <Kbd>←</Kbd> <Kbd>→</Kbd> move · <Kbd>Enter</Kbd> edit / save ·{' '}
        <Kbd>Esc</Kbd> cancel · empty or ? = unknown
        <span className="legend">
          <span className="cell-known">known</span> <span className="cell-stale">stale</span>{' '}
          <span className="cell-unknown">unknown</span> <span className="cell-inherited">payer default</span>
        </span>
      </p>
      {rows.length === 0 && <p className="muted">No code matches “{filter}”.</p>}
      <div className="matrix-wrap">
        <table className="matrix" role="grid" aria-label={`Policies for ${matrix.plan.name}`}>
          <thead>
            <tr>
              <th scope="col" className="sticky">
                Code
              </th>
              {COLUMNS.map((f) => (
                <th scope="col" key={f}>
                  {POLICY_FIELD_LABELS[f]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.code}>
                <th scope="row" className="sticky" title={row.summary}>
                  <span className="matrix-code">{row.code}</span>
                  <span className="matrix-summary">{printName(row.code, 'en')}</span>
                </th>
                {COLUMNS.map((field, c) => {
                  const view = row.cells[field];
                  const isActive = active[0] === r && active[1] === c;
                  const isEditing = isActive && editing !== null;
                  const className = `cell-${view.status}${view.inherited ? ' cell-inherited' : ''}`;
                  return (
                    <td key={field} className={className}>
                      {isEditing ? (
                        <div className="cell-editor">
                          {CHOICES[field] ? (
                            <select
                              autoFocus
                              aria-label={`${POLICY_FIELD_LABELS[field]} for ${row.code}`}
                              value={editing.text}
                              onChange={(e) => setEditing({ text: e.target.value, error: null })}
                              onKeyDown={onEditorKey}
                            >
                              {CHOICES[field]!.map(([v, label]) => (
                                <option key={v} value={v === 'unknown' ? 'unknown' : v}>
                                  {label}
                                </option>
                              ))}
                            </select>
                          ) : (
                            <input
                              autoFocus
                              aria-label={`${POLICY_FIELD_LABELS[field]} for ${row.code}`}
                              value={editing.text}
                              onChange={(e) => setEditing({ text: e.target.value, error: null })}
                              onKeyDown={onEditorKey}
                            />
                          )}
                          {editing.error && (
                            <p className="field-error" role="alert">
                              {editing.error}
                            </p>
                          )}
                        </div>
                      ) : (
                        <button
                          type="button"
                          ref={(el) => {
                            if (el) cells.current.set(key(r, c), el);
                            else cells.current.delete(key(r, c));
                          }}
                          tabIndex={isActive ? 0 : -1}
                          className="cell"
                          aria-label={`${row.code} ${POLICY_FIELD_LABELS[field]}: ${formatPolicyValue(field, view.value)}. ${provenanceText(view, (v) => formatPolicyValue(field, v))}`}
                          title={provenanceText(view, (v) => formatPolicyValue(field, v))}
                          onFocus={() => setActive([r, c])}
                          onClick={() => startEdit(r, c)}
                          onKeyDown={onCellKey}
                        >
                          {view.status === 'unknown' ? '?' : formatPolicyValue(field, view.value)}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ActiveCellSource matrix={matrix} line={rows[active[0]]} field={COLUMNS[active[1]]} />
    </>
  );
}

/** The selected cell's answer with its source, history and (for a conflict) a way to settle it. */
function ActiveCellSource({
  matrix,
  line,
  field,
}: {
  matrix: Matrix;
  line: Matrix['rows'][number] | undefined;
  field: PolicyField | undefined;
}) {
  const reloadPlan = usePayersStore((s) => s.reloadPlan);
  if (!line || !field) return null;
  const view = line.cells[field];
  const format = (v: unknown) => formatPolicyValue(field, v);
  return (
    <div className="matrix-detail" aria-live="polite">
      <p>
        <strong>
          {line.code} {POLICY_FIELD_LABELS[field]}:
        </strong>{' '}
        {view.status === 'unknown' ? 'Unknown' : format(view.value)}
      </p>
      <ProvenanceLine
        key={`${line.code}-${field}`}
        view={view}
        address={{
          subject: view.inherited
            ? { kind: 'payer', id: matrix.plan.payerId }
            : { kind: 'plan', id: matrix.plan.id },
          field,
          code: line.code,
        }}
        format={format}
        onResolved={() => void reloadPlan(matrix.plan.id)}
      />
    </div>
  );
}
