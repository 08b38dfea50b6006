// The prior-authorization worklist: every open request, soonest appointment first, with what needs doing
// today; "Update" opens the item to record submission, the decision, the auth number and its dates.
import { useEffect, useState, type FormEvent } from 'react';
import {
  PA_FLAG_LABELS,
  PA_STATUS_LABELS,
  PA_STATUSES,
  type PriorAuth,
  type PriorAuthPatch,
} from '../../../../shared/priorAuth/priorAuthViews';
import { ApiError, call } from '../../lib/api';

type Draft = Record<Exclude<keyof PriorAuthPatch, 'status'>, string> & { status: PriorAuthPatch['status'] };

const toDraft = (p: PriorAuth): Draft => ({
  status: p.status,
  method: p.method ?? '',
  contact: p.contact ?? '',
  attachments: p.attachments ?? '',
  submittedOn: p.submittedOn ?? '',
  decisionExpectedOn: p.decisionExpectedOn ?? '',
  authNumber: p.authNumber ?? '',
  approvedUnits: p.approvedUnits === null ? '' : String(p.approvedUnits),
  validFrom: p.validFrom ?? '',
  validTo: p.validTo ?? '',
});

const orNull = (s: string) => s.trim() || null;

const FIELDS: Array<[Exclude<keyof Draft, 'status'>, string]> = [
  ['submittedOn', 'Submitted on (YYYY-MM-DD)'],
  ['decisionExpectedOn', 'Decision expected by'],
  ['authNumber', 'Authorization number'],
  ['approvedUnits', 'Approved units'],
  ['validFrom', 'Valid from'],
  ['validTo', 'Valid to'],
  ['method', 'How to submit'],
  ['contact', 'Submit to'],
  ['attachments', 'Attachments needed'],
];

function PriorAuthForm({ item, onSaved }: { item: PriorAuth; onSaved: () => void }) {
  const [draft, setDraft] = useState(() => toDraft(item));
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const units = draft.approvedUnits.trim();
    if (units && !/^\d+$/.test(units)) {
      setProblem({ field: 'approvedUnits', message: 'Approved units is a whole number, like 1.' });
      return;
    }
    const patch: PriorAuthPatch = {
      status: draft.status,
      method: orNull(draft.method),
      contact: orNull(draft.contact),
      attachments: orNull(draft.attachments),
      submittedOn: orNull(draft.submittedOn),
      decisionExpectedOn: orNull(draft.decisionExpectedOn),
      authNumber: orNull(draft.authNumber),
      approvedUnits: units ? Number(units) : null,
      validFrom: orNull(draft.validFrom),
      validTo: orNull(draft.validTo),
    };
    call('pa:update', { id: item.id, version: item.version, patch }).then(onSaved, (error: unknown) =>
      setProblem(
        error instanceof ApiError
          ? { field: error.field ?? null, message: error.message }
          : { field: null, message: 'Not saved.' },
      ),
    );
  };
  return (
    <form className="form panel" aria-label={`Prior authorization for ${item.code}`} onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="pa-status">Status</label>
        <select
          id="pa-status"
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value as Draft['status'] })}
        >
          {PA_STATUSES.map((s) => (
            <option key={s} value={s}>
              {PA_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      {FIELDS.map(([key, label]) => (
        <div className="field" key={key}>
          <label htmlFor={`pa-${key}`}>{label}</label>
          <input
            id={`pa-${key}`}
            value={draft[key]}
            aria-invalid={problem?.field === key}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          />
          {problem?.field === key && <p className="field-error">{problem.message}</p>}
        </div>
      ))}
      {problem && problem.field === null && <p className="field-error">{problem.message}</p>}
      <div className="form-actions">
        <button type="submit" className="primary">
          Save prior authorization
        </button>
      </div>
    </form>
  );
}

export function PriorAuthWorklist() {
  const [items, setItems] = useState<PriorAuth[]>([]);
  const [editing, setEditing] = useState<number | null>(null);
  const load = () =>
    void call('pa:worklist', {}).then(
      (r) => setItems(r),
      () => undefined,
    );
  useEffect(load, []);
  const open = items.find((i) => i.id === editing);
  return (
    <section className="panel" aria-label="Prior authorizations">
      <h2>Prior authorizations</h2>
      {items.length === 0 ? (
        <p className="muted">
          Nothing waiting. Calls that find “prior authorization required” add items here.
        </p>
      ) : (
        <table className="estimate-table" aria-label="Prior authorization worklist">
          <thead>
            <tr>
              <th scope="col">Appointment</th>
              <th scope="col">Patient</th>
              <th scope="col">Payer</th>
              <th scope="col">Code</th>
              <th scope="col">Status</th>
              <th scope="col">Needs</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} className={p.id === editing ? 'selected' : undefined}>
                <td>{p.serviceDate}</td>
                <td>{p.patientName}</td>
                <td>{p.payerName}</td>
                <td>{p.code}</td>
                <td>
                  {PA_STATUS_LABELS[p.status]}
                  {p.authNumber && <span className="muted small"> · {p.authNumber}</span>}
                </td>
                <td>
                  {p.flags.map((f) => (
                    <span key={f} className="badge badge-pa">
                      {PA_FLAG_LABELS[f]}
                    </span>
                  ))}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(p.id)}>
                    Update
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <PriorAuthForm
          key={open.id}
          item={open}
          onSaved={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </section>
  );
}
