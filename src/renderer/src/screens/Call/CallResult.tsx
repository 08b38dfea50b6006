// A finished call (completed, or dropped and saved as partly verified): what was found per code, rep and
// reference, the next step; then, from the keyboard, the next call (Alt+N), the verification record
// printed (Alt+P) or saved as a PDF (Alt+S), or an estimate from the call (Alt+E). The next call takes
// focus, so Enter starts it.
import { useEffect, useRef, useState } from 'react';
import { OUTCOME_LABELS } from '../../../../shared/script/answerWords';
import type { CallView } from '../../../../shared/script/callViews';
import { formatDate } from '../../../../shared/dates/typedDate';
import { Kbd } from '../../components/Kbd';
import { call } from '../../lib/api';
import { useCallStore } from '../../stores/callStore';
import { EstimateFromCallButton } from './EstimateFromCallButton';
import { MedicalCallForm } from './MedicalCallForm';

export function CallResult({ view }: { view: CallView }) {
  const close = useCallStore((s) => s.close);
  const [message, setMessage] = useState<string | null>(null);
  const another = useRef<HTMLButtonElement>(null);
  const print = () =>
    void call('print:verificationRecord', { id: view.id }).then(
      () => setMessage('The verification record was sent to the printer.'),
      () => setMessage('The verification record was not printed.'),
    );
  const savePdf = () =>
    void call('print:verificationRecordPdf', { id: view.id }).then(
      (r) => setMessage(r.savedTo ? `The verification record was saved to ${r.savedTo}` : 'Not saved.'),
      () => setMessage('The verification record was not saved.'),
    );

  useEffect(() => another.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const action = {
        KeyN: close,
        KeyP: print,
        KeyS: savePdf,
      }[event.code];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

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
        <dt>Answers</dt>
        <dd>
          {view.learning.confirmed} confirmed what was on file, {view.learning.changed} changed it,{' '}
          {view.learning.new} new
        </dd>
        <dt>Next step</dt>
        <dd>
          {view.nextAction} (due {view.nextActionDue ? formatDate(view.nextActionDue) : 'no date'})
        </dd>
      </dl>
      <div className="form-actions call-result-actions">
        <button ref={another} type="button" className="primary" onClick={close}>
          <Kbd>Alt+N</Kbd> Start another call
        </button>
        <button type="button" className="secondary" onClick={print}>
          <Kbd>Alt+P</Kbd> Print the record
        </button>
        <button type="button" className="secondary" onClick={savePdf}>
          <Kbd>Alt+S</Kbd> Save it as a PDF
        </button>
        <EstimateFromCallButton view={view} withShortcut />
      </div>
      {message && (
        <p className="saved" role="status">
          {message}
        </p>
      )}
      {view.medicalCodes.length > 0 && view.medicalCalls.length === 0 && <MedicalCallForm view={view} />}
      {view.medicalCalls.length > 0 && (
        <p className="muted">Medical-plan call: #{view.medicalCalls.join(', #')} (open it from Records).</p>
      )}
    </section>
  );
}
