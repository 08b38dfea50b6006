// The audit trail for administrators: who viewed, changed, printed, exported or imported what, and when.
// Filter, check that no row was altered or removed from the middle, and export for a compliance review.
import { useEffect, useState } from 'react';
import type { AuditFilterInput, AuditRowView, ChainCheckView } from '../../../../shared/auth/authViews';
import { call } from '../../lib/api';
import { localDateTime } from '../../lib/localDateTime';

const NO_FILTER: AuditFilterInput = { userName: null, action: null, from: null, to: null };

/** What "Check the trail" found, in sentences: main says what is wrong; the entry counts are added here. */
function chainCheckText(check: ChainCheckView): string {
  if (!check.ok) return `The trail was altered or cut short. ${check.problem ?? ''}`.trim();
  const intact = `The trail is intact: ${check.checked} entries checked.`;
  return check.signedElsewhereThrough === null
    ? intact
    : `${intact} Entries 1 to ${check.signedElsewhereThrough} were signed on another computer before this one took the data over with the recovery code; here they are checked only for their order.`;
}

export function AuditPanel() {
  const [filter, setFilter] = useState(NO_FILTER);
  const [rows, setRows] = useState<AuditRowView[]>([]);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  useEffect(() => {
    void call('audit:list', filter).then(setRows, () => undefined);
  }, [filter]);
  const text = (key: keyof AuditFilterInput) => (value: string) =>
    setFilter({ ...filter, [key]: value.trim() || null });
  const dateOk = (v: string) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v);

  return (
    <div className="panel">
      <h2>Audit trail</h2>
      <p className="muted">
        Every view, change, print, export, import and sign-in, newest first (the latest 500 shown).
      </p>
      <div className="form audit-filters" role="search" aria-label="Filter the audit trail">
        <div className="field">
          <label htmlFor="audit-user">User</label>
          <input id="audit-user" onChange={(e) => text('userName')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" onChange={(e) => text('action')(e.target.value)}>
            <option value="">Any</option>
            {[
              'view',
              'search',
              'create',
              'change',
              'delete',
              'print',
              'export',
              'import',
              'sign_in',
              'sign_in_failed',
              'lock',
              'unlock',
              'sign_out',
            ].map((a) => (
              <option key={a} value={a}>
                {a.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From (YYYY-MM-DD)</label>
          <input id="audit-from" onChange={(e) => dateOk(e.target.value) && text('from')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To (YYYY-MM-DD)</label>
          <input id="audit-to" onChange={(e) => dateOk(e.target.value) && text('to')(e.target.value)} />
        </div>
      </div>
      <div className="form-actions" style={{ margin: '10px 0' }}>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void call('audit:verify', {}).then((r) => setMessage({ text: chainCheckText(r), ok: r.ok }))
          }
        >
          Check the trail
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void call('audit:export', filter).then((r) =>
              setMessage({ text: r.savedTo ? `Exported to ${r.savedTo}` : 'Not exported.', ok: true }),
            )
          }
        >
          Export as CSV
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'saved' : 'alarm'} role="status">
          {message.text}
        </p>
      )}
      <table className="estimate-table" aria-label="Audit trail">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{localDateTime(r.tsUtc)}</td>
              <td>{r.userName}</td>
              <td>{r.action.replace(/_/g, ' ')}</td>
              <td>
                {r.entity.replace(/_/g, ' ')}
                {r.entityId !== null ? ` #${r.entityId}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
