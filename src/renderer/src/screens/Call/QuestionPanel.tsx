// The question being asked: what to say, the known answer to confirm with Enter, and the keys to answer:
// Y / N / U for yes, no, unknown; digits for choices; typed answers with Enter (empty or ? = unknown).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CallView } from '../../../../shared/script/callViews';
import type { AnswerType } from '../../../../shared/script/scriptTypes';
import { Kbd } from '../../components/Kbd';
import { useCallStore } from '../../stores/callStore';
import { parseTyped } from './answerText';

export function QuestionPanel({ current }: { current: NonNullable<CallView['current']> }) {
  const answer = useCallStore((s) => s.answer);
  const problem = useCallStore((s) => s.problem);
  const retryNow = useCallStore((s) => s.retryNow);
  const forgetWaiting = useCallStore((s) => s.forgetWaiting);
  // An answer the office database could not take waits to be sent again (SaveRetryNotice says so).
  const answerWaits = useCallStore((s) => s.retry?.waiting.includes('step') ?? false);
  const [text, setText] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const typed = !['yes_no_unknown', 'choice'].includes(current.type);

  // The parent keys this panel on the question, so each question starts empty; here it only takes focus.
  useEffect(() => {
    (typed ? input.current : box.current)?.focus();
  }, [typed]);

  // Plan answers on file are confirmed with Enter; a patient's are shown but asked again.
  const confirmable = current.known?.answer ?? null;
  const submitTyped = () => {
    if (text.trim() === '' && confirmable) return void answer(confirmable);
    const parsed = parseTyped(current.type as AnswerType, text);
    if ('problem' in parsed) setHint(parsed.problem);
    else void answer(parsed.answer);
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (current.type === 'yes_no_unknown') {
      const value = key === 'y' ? 'yes' : key === 'n' ? 'no' : key === 'u' ? 'unknown' : null;
      if (value) {
        event.preventDefault();
        void answer({ type: 'yes_no_unknown', value });
      } else if (key === 'enter' && confirmable) {
        event.preventDefault();
        void answer(confirmable);
      } else if (key === 'enter' && answerWaits) {
        event.preventDefault();
        retryNow();
      }
    } else if (current.type === 'choice') {
      const index = Number(key) - 1;
      if (Number.isInteger(index) && current.choices[index]) {
        event.preventDefault();
        void answer({ type: 'choice', value: current.choices[index].value });
      } else if (key === 'enter' && confirmable) {
        event.preventDefault();
        void answer(confirmable);
      } else if (key === 'enter' && answerWaits) {
        event.preventDefault();
        retryNow();
      }
    }
  };

  return (
    <section
      className="question"
      aria-label="Current question"
      data-key={current.key}
      data-step={current.stepId}
      data-type={current.type}
      data-known={current.known ? (confirmable ? 'confirm' : 'ask-again') : undefined}
    >
      <p className="question-meta">
        {current.code ? `${current.code} · ` : ''}
        {current.section.replace('_', ' ')}
      </p>
      <p className="question-say">{current.say}</p>
      {current.known && (
        <div className={`question-known status-${current.known.status}`} role="note">
          <p>
            {confirmable ? 'On file' : 'Last on file'}: <strong>{current.known.text}</strong> (
            {current.known.source}
            {current.known.status === 'stale' ? '; old, confirm it' : ''}).{' '}
            {confirmable ? (
              <>
                <Kbd>Enter</Kbd> confirms it, or give the new answer.
              </>
            ) : (
              'Ask again: this is about the patient and changes.'
            )}
          </p>
          {current.known.status === 'conflict' && (
            <p>Reps gave different answers: {current.known.conflict.join(' · ')}. Ask which is right.</p>
          )}
        </div>
      )}
      {typed ? (
        <div className="field">
          <input
            ref={input}
            data-question-focus
            aria-label="Answer"
            value={text}
            placeholder={
              confirmable
                ? 'Enter to confirm, or type the new answer'
                : 'Type the answer; empty or ? = unknown'
            }
            onChange={(e) => {
              setText(e.target.value);
              // A changed answer is the person's to send: the old one is not tried again.
              forgetWaiting('step');
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                submitTyped();
              }
            }}
          />
        </div>
      ) : (
        <div
          ref={box}
          tabIndex={0}
          className="answer-keys"
          data-question-focus
          onKeyDown={onKey}
          aria-label="Answer keys"
        >
          {current.type === 'yes_no_unknown' ? (
            <>
              <button
                type="button"
                className="secondary"
                onClick={() => void answer({ type: 'yes_no_unknown', value: 'yes' })}
              >
                <Kbd>Y</Kbd> Yes
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => void answer({ type: 'yes_no_unknown', value: 'no' })}
              >
                <Kbd>N</Kbd> No
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => void answer({ type: 'yes_no_unknown', value: 'unknown' })}
              >
                <Kbd>U</Kbd> Rep doesn&apos;t know
              </button>
            </>
          ) : (
            current.choices.map((c, i) => (
              <button
                type="button"
                className="secondary"
                key={c.value}
                onClick={() => void answer({ type: 'choice', value: c.value })}
              >
                <Kbd>{String(i + 1)}</Kbd> {c.label}
              </button>
            ))
          )}
        </div>
      )}
      {(hint ?? problem?.message) && <p className="field-error">{hint ?? problem?.message}</p>}
    </section>
  );
}
