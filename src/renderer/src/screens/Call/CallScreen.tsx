// The verification call: start it, answer one question at a time (each answer is saved by main before
// the next question shows), keep rep / reference / hold time one key away, and finish or mark it dropped.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { addDays } from '../../../../shared/dates/calendar';
import { formatDateOr } from '../../../../shared/dates/typedDate';
import type { CallView } from '../../../../shared/script/callViews';
import { holdMs } from '../../../../shared/script/holdTime';
import { DateField } from '../../components/DateField';
import { Kbd } from '../../components/Kbd';
import { ScreenHeading } from '../../components/ScreenHeading';
import { nowMs, today } from '../../lib/clock';
import { localDateTime } from '../../lib/localDateTime';
import { useCallStore } from '../../stores/callStore';
import { answerLabel, OUTCOME_LABELS } from './answerText';
import { CodeFactsPanel } from './CodeFactsPanel';
import { CodeProgress } from './CodeProgress';
import { EstimateFromCallButton } from './EstimateFromCallButton';
import { MedicalCallForm } from './MedicalCallForm';
import { QuestionPanel } from './QuestionPanel';
import { StartCallForm } from './StartCallForm';

function secondsSince(iso: string, now: number): number {
  return Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
}

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, '0')}`;
}

function useNow(running: boolean): number {
  const [now, setNow] = useState(nowMs);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(nowMs()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

function CallHeader({ view }: { view: CallView }) {
  const live = view.status === 'in_progress';
  const now = useNow(live);
  const end = view.endedAt ? Date.parse(view.endedAt) : now;
  const toggleHold = useCallStore((s) => s.toggleHold);
  return (
    <div className="call-header panel">
      <div>
        <p className="form-title">
          {view.patient.name}
          {view.kind === 'medical' && <span className="badge badge-medical">Medical-plan call</span>}
        </p>
        <p className="muted">
          {view.plan.payerName}, {view.plan.planName} · {view.planned.map((p) => p.code).join(', ')}
          {view.medicalCallOf !== null && ` · for dental call #${view.medicalCallOf}`}
        </p>
      </div>
      <dl className="call-timers">
        <dt>On the call</dt>
        <dd aria-label="Call time">{clock(secondsSince(view.startedAt, end))}</dd>
        <dt>On hold</dt>
        <dd aria-label="Hold time">{clock(Math.round(holdMs(view.holds, end) / 1000))}</dd>
      </dl>
      {live && (
        <button
          type="button"
          className={view.onHold ? 'primary' : 'secondary'}
          onClick={() => void toggleHold()}
        >
          <Kbd>Alt+H</Kbd> {view.onHold ? 'Rep is back' : 'On hold'}
        </button>
      )}
    </div>
  );
}

/** Rep name, reference number and notes: each saved when the caller leaves the field. */
function CallDetails({ view }: { view: CallView }) {
  const setDetails = useCallStore((s) => s.setDetails);
  const problem = useCallStore((s) => s.problem);
  const field = (key: 'repName' | 'referenceNumber' | 'noReferenceReason' | 'ivrNotes', label: ReactNode) => (
    <div className="field">
      <label htmlFor={`call-${key}`}>{label}</label>
      <input
        id={`call-${key}`}
        // Keyed on the stored value, so an answer given in the script (rep name, reference) shows here.
        key={view[key] ?? ''}
        defaultValue={view[key] ?? ''}
        aria-invalid={problem?.field === key}
        onKeyDown={(e) => {
          // Enter: done here, back to the question (leaving the field saves it).
          if (e.key === 'Enter') {
            e.preventDefault();
            document.querySelector<HTMLElement>('.question input, .question .answer-keys')?.focus();
          }
        }}
        onBlur={(e) => {
          const value = e.target.value.trim() || null;
          if (value !== view[key]) void setDetails({ [key]: value });
        }}
      />
    </div>
  );
  return (
    <section className="panel call-details" aria-label="Call details">
      {field(
        'repName',
        <>
          Rep&apos;s name <Kbd>Alt+R</Kbd>
        </>,
      )}
      {field(
        'referenceNumber',
        <>
          Reference number <Kbd>Alt+F</Kbd>
        </>,
      )}
      {!view.referenceNumber && field('noReferenceReason', 'No reference number because')}
      {field('ivrNotes', 'Phone menu notes')}
    </section>
  );
}

function CompleteForm() {
  const complete = useCallStore((s) => s.complete);
  const problem = useCallStore((s) => s.problem);
  const todayDate = today();
  const [nextAction, setNextAction] = useState('Update the estimate and tell the patient.');
  const [due, setDue] = useState(todayDate);
  const [reverify, setReverify] = useState(addDays(todayDate, 90));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void complete({ nextAction, nextActionDue: due, reverifyDate: reverify.trim() || null });
  };
  return (
    <form className="form panel" aria-label="Finish the call" onSubmit={onSubmit}>
      <p className="form-title">The script is done. What happens next?</p>
      <div className="field" style={{ gridColumn: '1 / -1' }}>
        <label htmlFor="call-next">Next step</label>
        <input id="call-next" value={nextAction} onChange={(e) => setNextAction(e.target.value)} />
      </div>
      <DateField id="call-due" label="Next step due" value={due} onChange={setDue} />
      <DateField
        id="call-reverify"
        label="Re-verify on"
        hint="empty: no reminder"
        value={reverify}
        onChange={setReverify}
      />
      {problem && <p className="field-error">{problem.message}</p>}
      <div className="form-actions">
        <button type="submit" className="primary">
          Complete the call
        </button>
      </div>
    </form>
  );
}

function AnswerList({ view }: { view: CallView }) {
  const back = useCallStore((s) => s.back);
  const live = view.status === 'in_progress';
  return (
    <section className="panel" aria-label="Answers so far">
      <h2>Answers so far</h2>
      {view.answers.length === 0 ? (
        <p className="muted">Nothing answered yet.</p>
      ) : (
        <ol className="call-answers">
          {view.answers.map((a) => {
            const trailIndex = view.trail.findIndex((t) => t.label === a.say);
            return (
              <li key={a.key}>
                <span className="muted">{a.say}</span>{' '}
                <strong>{a.choiceLabel ?? answerLabel(a.answer)}</strong>
                {a.wasKnown && <span className="badge">confirmed</span>}
                {live && trailIndex >= 0 && (
                  <button type="button" className="link" onClick={() => void back(trailIndex)}>
                    Change
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function FinishedCall({ view }: { view: CallView }) {
  const close = useCallStore((s) => s.close);
  return (
    <section className="panel" aria-label="Call result">
      <h2>{view.status === 'partial' ? 'Call dropped: saved as partly verified' : 'Call complete'}</h2>
      <dl className="facts">
        {Object.entries(view.outcomes).map(([code, outcome]) => (
          <div key={code} style={{ display: 'contents' }}>
            <dt>{code}</dt>
            <dd>{OUTCOME_LABELS[outcome]}</dd>
          </div>
        ))}
        <dt>Rep</dt>
        <dd>{view.repName ?? 'Not recorded'}</dd>
        <dt>Reference</dt>
        <dd>{view.referenceNumber ?? view.noReferenceReason ?? 'None'}</dd>
        <dt>Next step</dt>
        <dd>
          {view.nextAction} (due {formatDateOr(view.nextActionDue, 'not set')})
        </dd>
      </dl>
      <div className="form-actions" style={{ marginTop: 16 }}>
        <button type="button" className="primary" onClick={close}>
          Start another call
        </button>
        <EstimateFromCallButton view={view} />
      </div>
      {view.medicalCodes.length > 0 && view.medicalCalls.length === 0 && <MedicalCallForm view={view} />}
      {view.medicalCalls.length > 0 && (
        <p className="muted">Medical-plan call: #{view.medicalCalls.join(', #')} (open it from Records).</p>
      )}
    </section>
  );
}

function ActiveCall({ view }: { view: CallView }) {
  const drop = useCallStore((s) => s.drop);
  const toggleHold = useCallStore((s) => s.toggleHold);
  const live = view.status === 'in_progress';
  // The code being asked now; between codes (opening, plan questions, close) the next one still to ask.
  const factsCode = view.current?.code ?? view.planned.find((p) => !view.outcomes[p.code])?.code ?? null;
  useEffect(() => {
    if (!live) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey) return;
      if (event.code === 'KeyH') {
        event.preventDefault();
        void toggleHold();
      }
      // Alt+R / Alt+F: straight to the rep's name or the reference number, whatever the script is on.
      const field = { KeyR: 'call-repName', KeyF: 'call-referenceNumber' }[event.code];
      if (field) {
        event.preventDefault();
        document.getElementById(field)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [live, toggleHold]);
  return (
    <>
      <CallHeader view={view} />
      {live ? (
        <div className="call-body">
          <div>
            {view.current ? (
              <QuestionPanel key={view.current.key} current={view.current} />
            ) : (
              <CompleteForm />
            )}
            <AnswerList view={view} />
          </div>
          <div>
            <CodeProgress view={view} />
            {factsCode && <CodeFactsPanel code={factsCode} medical={view.kind === 'medical'} />}
            <CallDetails view={view} />
            <button type="button" className="secondary" onClick={() => void drop()}>
              The call dropped
            </button>
          </div>
        </div>
      ) : (
        <FinishedCall view={view} />
      )}
    </>
  );
}

function ResumeBanner() {
  const resumable = useCallStore((s) => s.resumable);
  const open = useCallStore((s) => s.open);
  if (resumable.length === 0) return null;
  return (
    <div className="notice" role="status">
      <p className="notice-title">
        {resumable.length === 1 ? 'A call was left open.' : `${resumable.length} calls were left open.`} Every
        answer given was saved.
      </p>
      {resumable.map((c) => (
        <button key={c.id} type="button" className="secondary" onClick={() => void open(c.id)}>
          Resume the call started {localDateTime(c.startedAt)}
        </button>
      ))}
    </div>
  );
}

export function CallScreen() {
  const view = useCallStore((s) => s.view);
  const checkResumable = useCallStore((s) => s.checkResumable);
  useEffect(() => void checkResumable(), [checkResumable]);
  return (
    <section className="screen screen-wide">
      <ScreenHeading>Verification call</ScreenHeading>
      {view ? (
        <ActiveCall view={view} />
      ) : (
        <>
          <ResumeBanner />
          <StartCallForm />
        </>
      )}
    </section>
  );
}
