// The worklists (appointments to verify, prior authorizations), then every verification call, newest first: find one by patient, payer, plan, reference or code, read it,
// print the verification record for the chart, and add an amendment (a finished record is never edited).
import { useEffect, useState, type FormEvent } from 'react';
import type { CallListItem, CallView } from '../../../../shared/script/callViews';
import { ScreenHeading } from '../../components/ScreenHeading';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { ApiError, call } from '../../lib/api';
import { FORM_ERROR, fieldErrorsFrom, type FieldErrors } from '../../lib/fieldErrors';
import { localDateTime } from '../../lib/localDateTime';
import { OUTCOME_LABELS } from '../../../../shared/script/answerWords';
import { useCallStore } from '../../stores/callStore';
import { useNavStore } from '../../stores/navStore';
import { EstimateFromCallButton } from '../Call/EstimateFromCallButton';
import { PriorAuthWorklist } from './PriorAuthWorklist';
import { ReverifyWorklist } from './ReverifyWorklist';

const STATUS: Record<CallListItem['status'], string> = {
  completed: 'Complete',
  partial: 'Dropped: call back',
  in_progress: 'In progress',
};

function AmendForm({ id, onSaved }: { id: number; onSaved: (view: CallView) => void }) {
  const [what, setWhat] = useState('');
  const [why, setWhy] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    call('call:amend', { id, what, why }).then(
      (view) => {
        setWhat('');
        setWhy('');
        setErrors({});
        onSaved(view);
      },
      (error: unknown) =>
        setErrors(
          fieldErrorsFrom(error, ['what', 'why']) ?? {
            [FORM_ERROR]: error instanceof ApiError ? error.message : 'The amendment was not saved.',
          },
        ),
    );
  };
  return (
    <form className="form" aria-label="Add an amendment" onSubmit={onSubmit}>
      <TextField
        id="amend-what"
        label="What was wrong or missing"
        value={what}
        error={errors.what}
        onChange={setWhat}
      />
      <TextField
        id="amend-why"
        label="Why (who said so, when)"
        value={why}
        error={errors.why}
        onChange={setWhy}
      />
      <FormError errors={errors} />
      <div className="form-actions">
        <button type="submit" className="secondary">
          Add amendment
        </button>
      </div>
    </form>
  );
}

/** The dental call and its medical-plan calls open one another. */
function LinkedCalls({ view, onOpen }: { view: CallView; onOpen: (id: number) => void }) {
  const openInCall = useCallStore((s) => s.open);
  const go = useNavStore((s) => s.go);
  const linkTo = (id: number) => (
    <button key={id} type="button" className="link" onClick={() => onOpen(id)}>
      call #{id}
    </button>
  );
  return (
    <>
      {view.medicalCallOf !== null && (
        <>
          <dt>Medical-plan call for</dt>
          <dd>dental {linkTo(view.medicalCallOf)}</dd>
        </>
      )}
      {view.medicalCalls.length > 0 && (
        <>
          <dt>Medical plan asked on</dt>
          <dd>{view.medicalCalls.map(linkTo)}</dd>
        </>
      )}
      {view.medicalCodes.length > 0 && view.medicalCalls.length === 0 && (
        <>
          <dt>Medical plan</dt>
          <dd>
            Not asked yet about {view.medicalCodes.join(', ')}.{' '}
            <button
              type="button"
              className="link"
              onClick={() => void openInCall(view.id).then(() => go('call'))}
            >
              Call the medical plan
            </button>
          </dd>
        </>
      )}
    </>
  );
}

function RecordDetail({
  view,
  onChange,
  onOpen,
}: {
  view: CallView;
  onChange: (view: CallView) => void;
  onOpen: (id: number) => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="panel" aria-label="Verification record">
      <h2>
        {view.patient.name} · {view.plan.payerName}, {view.plan.planName}
      </h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{STATUS[view.status]}</dd>
        <dt>Rep / reference</dt>
        <dd>
          {view.repName ?? 'No rep recorded'} ·{' '}
          {view.referenceNumber ?? view.noReferenceReason ?? 'no reference'}
        </dd>
        {view.planned.map((p) => (
          <div key={p.code} style={{ display: 'contents' }}>
            <dt>{p.code}</dt>
            <dd>{view.outcomes[p.code] ? OUTCOME_LABELS[view.outcomes[p.code]!] : 'No outcome yet'}</dd>
          </div>
        ))}
        <LinkedCalls view={view} onOpen={onOpen} />
        <dt>Answers</dt>
        <dd>
          {view.answers.length} given: {view.learning.confirmed} confirmed what was on file,{' '}
          {view.learning.changed} changed it, {view.learning.new} new
        </dd>
      </dl>
      <details>
        <summary>Every question and answer</summary>
        <ol className="call-answers">
          {view.answers.map((a) => (
            <li key={a.key}>
              <span className="muted">{a.question}</span> <strong>{a.words}</strong>
              {a.comparison === 'changed' && a.onFile && <em> (changed; was {a.onFile.text})</em>}
            </li>
          ))}
        </ol>
      </details>
      {view.amendments.length > 0 && (
        <>
          <h2>Amendments</h2>
          <ul>
            {view.amendments.map((a, i) => (
              <li key={i}>
                {localDateTime(a.amendedAt)}, {a.amendedBy}: {a.what} (why: {a.why})
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="form-actions" style={{ margin: '14px 0' }}>
        <button
          type="button"
          className="primary"
          onClick={() =>
            void call('print:verificationRecord', { id: view.id }).then(
              () => setMessage('Sent to the printer.'),
              () => undefined,
            )
          }
        >
          Print verification record
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void call('print:verificationRecordPdf', { id: view.id }).then(
              (r) => setMessage(r.savedTo ? `PDF saved to ${r.savedTo}` : 'Not saved.'),
              () => undefined,
            )
          }
        >
          Save as PDF
        </button>
        <EstimateFromCallButton view={view} />
      </div>
      {message && (
        <p className="saved" role="status">
          {message}
        </p>
      )}
      {view.status !== 'in_progress' && <AmendForm id={view.id} onSaved={onChange} />}
    </section>
  );
}

export function RecordsScreen() {
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<CallListItem[]>([]);
  const [selected, setSelected] = useState<CallView | null>(null);
  useEffect(() => {
    let current = true;
    void call('call:search', { query }).then(
      (r) => current && setRows(r),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [query]);
  const open = (id: number) =>
    void call('call:get', { id }).then(
      (v) => setSelected(v),
      () => undefined,
    );
  return (
    <section className="screen screen-wide">
      <ScreenHeading>Records</ScreenHeading>
      <ReverifyWorklist />
      <PriorAuthWorklist />
      <div className="field records-search">
        <label htmlFor="records-search">Find a call</label>
        <input
          id="records-search"
          value={query}
          autoComplete="off"
          placeholder="Patient, payer, plan, reference number or code"
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {rows.length === 0 ? (
        <p className="muted">{query ? 'No call matches.' : 'No calls yet.'}</p>
      ) : (
        <table className="estimate-table" aria-label="Calls">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Patient</th>
              <th scope="col">Payer and plan</th>
              <th scope="col">Codes</th>
              <th scope="col">Reference</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={selected?.id === r.id ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" onClick={() => open(r.id)}>
                    {localDateTime(r.startedAt)}
                  </button>
                </td>
                <td>{r.patientName}</td>
                <td>
                  {r.payerName}, {r.planName}
                </td>
                <td>{r.planned.map((p) => p.code).join(', ')}</td>
                <td>{r.referenceNumber ?? ''}</td>
                <td>{STATUS[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && <RecordDetail view={selected} onChange={setSelected} onOpen={open} />}
    </section>
  );
}
