// The audit trail for administrators: who viewed, changed, printed, exported or imported what, and when.
// A person's run of actions on one record reads as one line (a call's answers, a record viewed while
// edited), with the patient named; filters answer "who looked at Ana's record?". Check that no row was
// altered or removed, and export for a compliance review.
import { useEffect, useState } from 'react';
import { AUDIT_ACTION_WORDS, describeGroup, groupAuditRows } from '../../../../shared/auth/auditGroups';
import type { AuditFilterInput, AuditRowView, ChainCheckView, User } from '../../../../shared/auth/authViews';
import type { PatientSummary } from '../../../../shared/policy/policyViews';
import { formatDate } from '../../../../shared/dates/typedDate';
import { DateField } from '../../components/DateField';
import { PatientPicker } from '../../components/PatientPicker';
import { call } from '../../lib/api';
import { localDateTime } from '../../lib/localDateTime';

const NO_FILTER: AuditFilterInput = { userName: null, action: null, from: null, to: null, patientId: null };
const ACTIONS = [
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
];

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

function When({ from, to }: { from: string; to: string }) {
  const start = localDateTime(from);
  const end = localDateTime(to);
  if (start === end) return <>{start}</>;
  // Same day: the end time alone.
  return <>{end.slice(0, 10) === start.slice(0, 10) ? `${start} – ${end.slice(11)}` : `${start} – ${end}`}</>;
}

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
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [users, setUsers] = useState<User[]>([]);
  const [rows, setRows] = useState<AuditRowView[] | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  useEffect(() => {
    void call('users:list', {}).then(setUsers, () => undefined);
  }, []);
  useEffect(() => {
    let current = true;
    void call('audit:list', filter).then(
      (r) => current && setRows(r),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [filter]);
  const groups = groupAuditRows(rows ?? []);

  return (
    <div className="panel">
      <h2>Audit trail</h2>
      <p className="muted">
        Every view, change, print, export, import and sign-in, newest first. A run of actions by one person on
        one record is one line.
      </p>
      <div className="form audit-filters" role="search" aria-label="Filter the audit trail">
        <div className="field">
          <label htmlFor="audit-user">Who</label>
          <select
            id="audit-user"
            value={filter.userName ?? ''}
            onChange={(e) => setFilter({ ...filter, userName: e.target.value || null })}
          >
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.displayName}>
                {u.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">Did what</label>
          <select
            id="audit-action"
            value={filter.action ?? ''}
            onChange={(e) => setFilter({ ...filter, action: e.target.value || null })}
          >
            <option value="">Anything</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_WORDS[a]}
              </option>
            ))}
          </select>
        </div>
        <DateField
          id="audit-from"
          label="From"
          value={from}
          onChange={(v) => {
            setFrom(v);
            if (v === '' || isDate(v)) setFilter({ ...filter, from: v || null });
          }}
        />
        <DateField
          id="audit-to"
          label="To"
          value={to}
          onChange={(v) => {
            setTo(v);
            if (v === '' || isDate(v)) setFilter({ ...filter, to: v || null });
          }}
        />
        <div className="span-all">
          {patient ? (
            <p className="audit-patient">
              About <strong>{`${patient.firstName} ${patient.lastName}`}</strong> (born{' '}
              {formatDate(patient.dob)}){' '}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setPatient(null);
                  setFilter({ ...filter, patientId: null });
                }}
              >
                Any patient
              </button>
            </p>
          ) : (
            <PatientPicker
              id="audit-patient"
              label="About a patient"
              recentWhenEmpty={false}
              onPick={(p) => {
                setPatient(p);
                setFilter({ ...filter, patientId: p.id });
              }}
            />
          )}
        </div>
      </div>
      <div className="form-actions audit-actions">
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
      {rows !== null && groups.length === 0 ? (
        <p className="muted">Nothing in the trail matches these filters.</p>
      ) : (
        <table className="estimate-table audit-table" aria-label="Audit trail">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Patient</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <td className="nowrap">
                  <When from={g.from} to={g.to} />
                </td>
                <td className="nowrap">{g.userName}</td>
                <td>
                  {describeGroup(g)}
                  {g.rows.length > 1 && (
                    <details className="audit-rows">
                      <summary>{g.rows.length} entries</summary>
                      <ul>
                        {g.rows.map((r) => (
                          <li key={r.id}>
                            {localDateTime(r.tsUtc).slice(11)} {AUDIT_ACTION_WORDS[r.action] ?? r.action}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td>{g.patientName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
