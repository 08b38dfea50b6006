// The verification call: start it, answer one question at a time (each answer is saved by main before
// the next question shows), keep rep / reference / hold one key away, and finish or mark it dropped.
// Laid out for a person on a headset at 1366x768: the header (who, identifiers, hold), the question with
// what is on file, the rep's name and reference number and "The call dropped" all fit without scrolling;
// the answers so far and the code's facts (folded) come below or beside.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { addDays } from '../../../../shared/dates/calendar';
import type { CallView } from '../../../../shared/script/callViews';
import { DateField } from '../../components/DateField';
import { Kbd } from '../../components/Kbd';
import { ScreenHeading } from '../../components/ScreenHeading';
import { today } from '../../lib/clock';
import { localDateTime } from '../../lib/localDateTime';
import { useCallStore } from '../../stores/callStore';
import { CallHeader } from './CallHeader';
import { CallResult } from './CallResult';
import { CodeFactsPanel } from './CodeFactsPanel';
import { CodeProgress } from './CodeProgress';
import { OnFileList } from './OnFileList';
import { QuestionPanel } from './QuestionPanel';
import { SaveRetryNotice } from './SaveRetryNotice';
import { StartCallForm } from './StartCallForm';
import { focusQuestion } from './focusQuestion';

type DetailKey = 'repName' | 'referenceNumber' | 'noReferenceReason' | 'ivrNotes' | 'dialedNumber';

/** One of the call's details, saved when the caller leaves the field; Enter goes back to the question. */
function DetailField({ view, name, label }: { view: CallView; name: DetailKey; label: ReactNode }) {
  const setDetails = useCallStore((s) => s.setDetails);
  const problem = useCallStore((s) => s.problem);
  return (
    <div className="field">
      <label htmlFor={`call-${name}`}>{label}</label>
      <input
        id={`call-${name}`}
        // Keyed on the stored value, so an answer given in the script (rep name, reference) shows here.
        key={view[name] ?? ''}
        defaultValue={view[name] ?? ''}
        aria-invalid={problem?.field === name}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            focusQuestion();
          }
        }}
        onBlur={(e) => {
          const value = e.target.value.trim() || null;
          if (value !== view[name]) void setDetails({ [name]: value });
        }}
      />
    </div>
  );
}

function CompleteForm({ view }: { view: CallView }) {
  const complete = useCallStore((s) => s.complete);
  const problem = useCallStore((s) => s.problem);
  const todayDate = today();
  const form = useRef<HTMLFormElement>(null);
  // Proposed from what the call found (a PA to submit comes first); the caller may change it.
  const [nextAction, setNextAction] = useState(view.suggestedNext.action);
  const [due, setDue] = useState(view.suggestedNext.due);
  const [reverify, setReverify] = useState(addDays(todayDate, 90));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void complete({ nextAction, nextActionDue: due, reverifyDate: reverify.trim() || null });
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyC') {
        event.preventDefault();
        form.current?.requestSubmit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <form ref={form} className="form panel" aria-label="Finish the call" onSubmit={onSubmit}>
      <p className="form-title">The script is done. What happens next?</p>
      <div className="field" style={{ gridColumn: '1 / -1' }}>
        <label htmlFor="call-next">Next step</label>
        <input
          id="call-next"
          data-question-focus
          autoFocus
          value={nextAction}
          onChange={(e) => setNextAction(e.target.value)}
        />
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
          <Kbd>Alt+C</Kbd> Complete the call
        </button>
        <span className="muted">
          or <Kbd>Enter</Kbd> in any field
        </span>
      </div>
    </form>
  );
}

/** How an answer compares with the file, in a word, and what a changed one replaced. */
function Comparison({ answer }: { answer: CallView['answers'][number] }) {
  switch (answer.comparison) {
    case 'new':
      return <span className="badge badge-new">new</span>;
    case 'confirmed':
      return <span className="badge badge-confirmed">confirmed</span>;
    case 'changed':
      return (
        <span
          className="badge badge-changed"
          title={answer.onFile ? `Was ${answer.onFile.text}, ${answer.onFile.source}` : undefined}
        >
          changed{answer.onFile ? `: was ${answer.onFile.text}` : ''}
        </span>
      );
    case 'not_known':
      return <span className="badge">rep did not know</span>;
    default:
      return null;
  }
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
            const trailIndex = view.trail.findIndex((t) => t.key === a.key);
            return (
              <li key={a.key} title={a.question}>
                <span className="muted">
                  {a.code ? `${a.code} ` : ''}
                  {a.label}
                </span>{' '}
                <strong>{a.words}</strong> <Comparison answer={a} />
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

/**
 * A changed answer: what it replaces, and the caller reads it back to the rep before going on. Enter: the
 * rep confirmed it. Esc: go back and correct it.
 */
function ReadBackPrompt({ view }: { view: CallView }) {
  const pending = view.pendingReadBack!;
  const confirmReadBack = useCallStore((s) => s.confirmReadBack);
  const back = useCallStore((s) => s.back);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [pending.key]);
  return (
    <div
      ref={box}
      tabIndex={0}
      role="alertdialog"
      aria-label="Read the changed answer back"
      className="question read-back"
      data-question-focus
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void confirmReadBack();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          void back(view.trail.findIndex((t) => t.key === pending.key));
        }
      }}
    >
      <p className="question-meta">Changed answer: read it back</p>
      <p className="question-say">
        {pending.label}: the rep now says <strong>{pending.now}</strong>. It was{' '}
        <strong>{pending.was.text}</strong> ({pending.was.source}).
      </p>
      <p>Read the new answer back to the rep before going on.</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void confirmReadBack()}>
          <Kbd>Enter</Kbd> The rep confirmed it
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void back(view.trail.findIndex((t) => t.key === pending.key))}
        >
          <Kbd>Esc</Kbd> Correct it
        </button>
      </div>
    </div>
  );
}

/** "The call dropped" ends the call for good, so it asks once: Enter saves it as partial, Esc goes on. */
function DropPrompt({ onCancel }: { onCancel: () => void }) {
  const drop = useCallStore((s) => s.drop);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div
      ref={box}
      tabIndex={0}
      role="alertdialog"
      aria-label="The call dropped?"
      className="question drop-prompt"
      data-question-focus
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void drop();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p className="question-meta">The call dropped</p>
      <p className="question-say">Save this call as partly verified, with a call-back due today?</p>
      <p>Every answer given so far is kept and recorded.</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void drop()}>
          <Kbd>Enter</Kbd> Yes, the call dropped
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          <Kbd>Esc</Kbd> No, go on with the call
        </button>
      </div>
    </div>
  );
}

function ActiveCall({ view }: { view: CallView }) {
  const live = view.status === 'in_progress';
  const [dropping, setDropping] = useState(false);
  // The code's facts fold away; a medical-plan call opens them (its CPT hints answer a question).
  const [factsOpen, setFactsOpen] = useState(view.kind === 'medical');
  // The code being asked now; between codes (opening, plan questions, close) the next one still to ask.
  const factsCode = view.current?.code ?? view.planned.find((p) => !view.outcomes[p.code])?.code ?? null;
  useEffect(() => {
    if (!live) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      // Alt+R / Alt+F: straight to the rep's name or the reference number, whatever the script is on.
      const field = { KeyR: 'call-repName', KeyF: 'call-referenceNumber' }[event.code];
      if (field) {
        event.preventDefault();
        document.getElementById(field)?.focus();
      } else if (event.code === 'KeyD') {
        event.preventDefault();
        setDropping(true);
      } else if (event.code === 'KeyI') {
        event.preventDefault();
        setFactsOpen((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [live]);
  const cancelDrop = () => {
    setDropping(false);
    // After the prompt unmounts, the question it covered takes focus again.
    setTimeout(focusQuestion, 0);
  };
  if (!live) return <CallResult view={view} />;
  return (
    <div className="call-body">
      <div className="call-main">
        {dropping ? (
          <DropPrompt onCancel={cancelDrop} />
        ) : view.pendingReadBack ? (
          <ReadBackPrompt view={view} />
        ) : view.current?.onFileList ? (
          <OnFileList key={`list-${view.current.key}`} current={view.current} />
        ) : view.current ? (
          <QuestionPanel key={view.current.key} current={view.current} />
        ) : (
          <CompleteForm view={view} />
        )}
        <SaveRetryNotice />
        <AnswerList view={view} />
      </div>
      <aside className="call-side" aria-label="Call details">
        <section className="panel call-details">
          <DetailField
            view={view}
            name="repName"
            label={
              <>
                Rep&apos;s name <Kbd>Alt+R</Kbd>
              </>
            }
          />
          <DetailField
            view={view}
            name="referenceNumber"
            label={
              <>
                Reference number <Kbd>Alt+F</Kbd>
              </>
            }
          />
          <button type="button" className="secondary call-dropped" onClick={() => setDropping(true)}>
            <Kbd>Alt+D</Kbd> The call dropped
          </button>
          {!view.referenceNumber && (
            <DetailField view={view} name="noReferenceReason" label="No reference number because" />
          )}
          {!view.dialedNumber && <DetailField view={view} name="dialedNumber" label="Number dialled" />}
          <DetailField view={view} name="ivrNotes" label="Phone menu notes" />
        </section>
        <CodeProgress view={view} />
        {factsCode && (
          <CodeFactsPanel
            code={factsCode}
            medical={view.kind === 'medical'}
            open={factsOpen}
            onToggle={setFactsOpen}
          />
        )}
      </aside>
    </div>
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
          Resume the call with {c.patientName}, {c.payerName} ({c.codes.join(', ')})
          {c.question ? ` at "${c.question}"` : ''}, started {localDateTime(c.startedAt)}
        </button>
      ))}
    </div>
  );
}

export function CallScreen() {
  const view = useCallStore((s) => s.view);
  const checkResumable = useCallStore((s) => s.checkResumable);
  useEffect(() => void checkResumable(), [checkResumable]);
  // Back on this screen with a call running: the question has the keys, not the heading.
  useEffect(() => {
    if (view?.status === 'in_progress') focusQuestion();
    // Only when the screen opens; each question takes focus itself as it comes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <section className="screen screen-wide call-screen">
      <ScreenHeading>Verification call</ScreenHeading>
      {view ? (
        <>
          <CallHeader view={view} />
          <ActiveCall view={view} />
        </>
      ) : (
        <>
          <ResumeBanner />
          <StartCallForm />
        </>
      )}
    </section>
  );
}
