// The prior-authorization worklist: every open request, soonest appointment first, with how many days
// are left, when a decision is expected, and the payer's PA line and portal to chase it; "Update" opens
// the item (whose it is, said at the top) to record submission, the decision, the auth number and dates.
import { useEffect, useState, type FormEvent } from 'react';
import { formatDate, formatDateOr } from '../../../../shared/dates/typedDate';
import { relativeDays } from '../../../../shared/dates/relativeDays';
import {
  PA_FLAG_LABELS,
  PA_STATUS_LABELS,
  PA_STATUSES,
  type PriorAuth,
  type PriorAuthEvent,
  type PriorAuthPatch,
} from '../../../../shared/priorAuth/priorAuthViews';
import { DateField, typedDateProblem } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useOfficeChanges } from '../../hooks/useOfficeChanges';
import { ApiError, call } from '../../lib/api';
import { today } from '../../lib/clock';
import { FORM_ERROR, fieldErrorsFrom, type FieldErrors } from '../../lib/fieldErrors';
import { localDateTime } from '../../lib/localDateTime';

type DateKey = 'submittedOn' | 'decisionExpectedOn' | 'validFrom' | 'validTo';
type TextKey = 'authNumber' | 'approvedUnits' | 'method' | 'contact' | 'attachments';
type Draft = Record<DateKey | TextKey, string> & { status: PriorAuthPatch['status'] };

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

/** In the order the request moves: sent, decision expected, approved (number, dates, units), then how. */
const INPUTS: Array<{ key: DateKey | TextKey; label: string; date: boolean }> = [
  { key: 'submittedOn', label: 'Submitted on', date: true },
  { key: 'decisionExpectedOn', label: 'Decision expected by', date: true },
  { key: 'authNumber', label: 'Authorization number', date: false },
  { key: 'approvedUnits', label: 'Approved units', date: false },
  { key: 'validFrom', label: 'Approval valid from', date: true },
  { key: 'validTo', label: 'Approval valid to', date: true },
  { key: 'method', label: 'How to submit', date: false },
  { key: 'contact', label: 'Submit to', date: false },
  { key: 'attachments', label: 'Attachments needed', date: false },
];
const FIELDS = ['status', ...INPUTS.map((i) => i.key)];

/** What happened to the request, oldest first: who moved it to which status, and calls that found it again. */
function PaHistory({ id, version }: { id: number; version: number }) {
  const [events, setEvents] = useState<PriorAuthEvent[] | null>(null);
  // Read again when the item moved on (here or at another desk): the history shows who moved it.
  useEffect(() => {
    void call('pa:history', { id }).then(setEvents, () => setEvents(null));
  }, [id, version]);
  if (!events) return null;
  return (
    <section className="pa-history" aria-label="History">
      <h4>History</h4>
      <ol>
        {events.map((e, i) => (
          <li key={i}>
            <span className="nowrap">{localDateTime(e.at)}</span> · {e.byUser} ·{' '}
            <strong>{PA_STATUS_LABELS[e.status]}</strong>
            {e.note && <span className="muted"> · {e.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PriorAuthForm({
  item,
  current,
  onSaved,
  onCancel,
}: {
  /** The item as it was when the form opened: what is typed is an edit of this version. */
  item: PriorAuth;
  /** The item as the worklist shows it now (null: no longer on it), after another desk's change. */
  current: PriorAuth | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(() => toDraft(item));
  const [errors, setErrors] = useState<FieldErrors>({});
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldErrors = {};
    for (const { key } of INPUTS.filter((i) => i.date)) {
      const problem = typedDateProblem(draft[key]);
      if (problem) problems[key] = problem;
    }
    const units = draft.approvedUnits.trim();
    if (units && !/^\d+$/.test(units)) problems.approvedUnits = 'Approved units is a whole number, like 1.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
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
    // The version this form was opened from: an edit made meanwhile at another desk refuses this one.
    call('pa:update', { id: item.id, version: item.version, patch }).then(onSaved, (error: unknown) =>
      setErrors(
        fieldErrorsFrom(error, FIELDS) ?? {
          [FORM_ERROR]: error instanceof ApiError ? error.message : 'Not saved.',
        },
      ),
    );
  };
  const whose = `${item.patientName} (born ${formatDate(item.patientDob)})`;
  return (
    <form
      className="form panel pa-form"
      aria-label={`Prior authorization for ${item.code}`}
      onSubmit={onSubmit}
    >
      <h3 className="form-title">
        {item.code} for {whose}
      </h3>
      <p className="muted form-message">
        {item.payerName} · appointment {formatDate(item.serviceDate)} (
        {relativeDays(item.serviceDate, today())})
      </p>
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
        {errors.status && <p className="field-error">{errors.status}</p>}
      </div>
      <div className="field-note" />
      {current?.version !== item.version && (
        <div className="notice pa-changed" role="status">
          <p className="notice-title">
            Changed at another desk{current ? ` on ${localDateTime(current.updatedAt)}` : ''}, after you
            opened it
          </p>
          What you typed stays here, but saving it would overwrite that change, so it will be refused. Note
          what you need, press Cancel and open the item again.
        </div>
      )}
      {INPUTS.map(({ key, label, date }) =>
        date ? (
          <DateField
            key={key}
            id={`pa-${key}`}
            label={label}
            value={draft[key]}
            error={errors[key]}
            onChange={(value) => setDraft({ ...draft, [key]: value })}
          />
        ) : (
          <TextField
            key={key}
            id={`pa-${key}`}
            label={label}
            value={draft[key]}
            error={errors[key]}
            onChange={(value) => setDraft({ ...draft, [key]: value })}
          />
        ),
      )}
      <FormError errors={errors} />
      <div className="form-actions">
        <button type="submit" className="primary">
          Save prior authorization
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <PaHistory id={item.id} version={current?.version ?? item.version} />
    </form>
  );
}

/** The payer's PA phone, and its portal (opened only when Settings lists the site). */
function ChaseLinks({ item }: { item: PriorAuth }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (!item.payerPaPhone && !item.payerPortalUrl) return <span className="muted">Not on file</span>;
  return (
    <>
      {item.payerPaPhone && <span className="nowrap">{item.payerPaPhone}</span>}
      {item.payerPortalUrl && (
        <button
          type="button"
          className="link"
          aria-label={`Open the ${item.payerName} portal`}
          onClick={() =>
            call('payers:openPortal', { id: item.payerId }).then(
              () => setProblem(null),
              (error: unknown) => setProblem(error instanceof ApiError ? error.message : 'Not opened.'),
            )
          }
        >
          Portal
        </button>
      )}
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}

export function PriorAuthWorklist() {
  const [items, setItems] = useState<PriorAuth[]>([]);
  // The item as it was when its form opened: reading the list again never resets what is being typed.
  const [editing, setEditing] = useState<PriorAuth | null>(null);
  const load = () =>
    void call('pa:worklist', {}).then(
      (r) => setItems(r),
      () => undefined,
    );
  useEffect(load, []);
  // Another desk moved an item on, or a call added one: the list follows.
  useOfficeChanges('priorAuths', load);
  const current = editing ? (items.find((i) => i.id === editing.id) ?? null) : null;
  const day = today();
  return (
    <section className="panel" aria-label="Prior authorizations">
      <h2>Prior authorizations</h2>
      {items.length === 0 ? (
        <p className="muted">
          Nothing waiting. Calls that find “prior authorization required” add items here.
        </p>
      ) : (
        <table className="estimate-table pa-table" aria-label="Prior authorization worklist">
          <thead>
            <tr>
              <th scope="col">Appointment</th>
              <th scope="col">Patient</th>
              <th scope="col">Code</th>
              <th scope="col">Status</th>
              <th scope="col">Decision expected</th>
              <th scope="col">Needs</th>
              <th scope="col">PA line</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} className={p.id === editing?.id ? 'selected' : undefined}>
                <td>
                  <span className="nowrap">{formatDate(p.serviceDate)}</span>
                  <span className="muted small block">{relativeDays(p.serviceDate, day)}</span>
                </td>
                <td>
                  {p.patientName}
                  <span className="muted small block">{p.payerName}</span>
                </td>
                <td>{p.code}</td>
                <td>
                  {PA_STATUS_LABELS[p.status]}
                  {p.authNumber && <span className="muted small block nowrap">#{p.authNumber}</span>}
                </td>
                <td className="nowrap">{formatDateOr(p.decisionExpectedOn, 'Not given')}</td>
                <td>
                  <ul className="pill-list">
                    {p.flags.map((f) => (
                      <li key={f} className="badge badge-pa">
                        {PA_FLAG_LABELS[f]}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="chase">
                  <ChaseLinks item={p} />
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Update ${p.code} for ${p.patientName}`}
                    onClick={() => setEditing(p)}
                  >
                    Update
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <PriorAuthForm
          key={editing.id}
          item={editing}
          current={current}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </section>
  );
}
