// Whether an answer can be trusted and where it came from, under the field that shows it: one line, a
// "conflicting answers" notice naming each answer with who gave it (with a button to settle it), and the
// field's history of statements on request.
import { useState } from 'react';
import type { Observation, Subject } from '../../../shared/ledger/ledgerTypes';
import { sourceText } from '../../../shared/ledger/sourceText';
import type { FieldView } from '../../../shared/policy/policyViews';
import { call } from '../lib/api';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function provenanceText(view: FieldView, format: (value: unknown) => string = String): string {
  const inherited = { inherited: view.inherited };
  if (view.status === 'unknown')
    return view.source && view.source.value === null && view.source.source === 'manual'
      ? `Unknown: cleared, ${sourceText(view.source)}`
      : 'Unknown: not asked yet';
  if (!view.source) return 'Never confirmed';
  if (view.status === 'conflict')
    return `Conflicting answers: ${view.conflict.map((o) => `${format(o.value)} (${sourceText(o)})`).join(' · ')}`;
  if (view.status === 'stale') return `Stale: ${sourceText(view.source, inherited)}; verify again`;
  return capital(sourceText(view.source, inherited));
}

/** Where to find the field's statements: for the history and for settling a conflict. */
export interface FieldAddress {
  subject: Subject;
  field: string;
  code: string;
}

export function ProvenanceLine({
  view,
  address,
  format = String,
  onResolved,
}: {
  view: FieldView;
  address?: FieldAddress;
  format?: (value: unknown) => string;
  /** Called with the field as it is once a person chose one of the conflicting answers. */
  onResolved?: (view: FieldView) => void;
}) {
  const [history, setHistory] = useState<Observation[] | null>(null);
  const [busy, setBusy] = useState(false);
  const toggleHistory = async () => {
    if (history) return setHistory(null);
    if (address) setHistory(await call('ledger:history', address));
  };
  const resolve = async (uid: string) => {
    if (!address) return;
    setBusy(true);
    try {
      const settled = await call('ledger:resolve', { ...address, uid });
      onResolved?.(settled);
      setHistory(null);
    } finally {
      setBusy(false);
    }
  };
  const withdrawn = new Set((history ?? []).flatMap((o) => (o.retracts ? [o.retracts] : [])));
  return (
    <div className={`provenance status-${view.status}`}>
      <p>{provenanceText(view, format)}</p>
      {view.status === 'conflict' && address && onResolved && (
        <p className="conflict-choices">
          Which is right?{' '}
          {view.conflict.map((o) => (
            <button
              key={o.uid}
              type="button"
              className="secondary small"
              disabled={busy}
              onClick={() => void resolve(o.uid)}
            >
              Use {format(o.value)}
            </button>
          ))}
        </p>
      )}
      {address && view.statements > 1 && (
        <button
          type="button"
          className="link small"
          aria-expanded={history !== null}
          onClick={() => void toggleHistory()}
        >
          {history ? 'Hide history' : `History (${view.statements})`}
        </button>
      )}
      {history && (
        <ol className="field-history" aria-label="History of this answer">
          {history.map((o) => (
            <li key={o.uid} className={withdrawn.has(o.uid) ? 'withdrawn' : undefined}>
              <strong>{o.retracts ? 'Withdrawn' : format(o.value)}</strong> {sourceText(o)}
              {o.sourceDetail && !o.retracts ? ` (${o.sourceDetail})` : ''}; recorded by {o.recordedBy}
              {o.workstation ? ` on ${o.workstation}` : ''}
              {withdrawn.has(o.uid) ? ' (withdrawn)' : ''}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
