// The verification record for the chart: who was called, who answered, the reference number, every
// question and answer with its time, the outcome per code, and any amendments. It is the paper a disputed
// claim is argued with, so it shows facts as stored and says which answers were confirmed from file.
// Minimum necessary: patient name only (no date of birth, member ID or group number).
import type { CallView } from '../../../shared/script/callViews';
import { holdMs } from '../../../shared/script/holdTime';
import type { Office } from '../../../shared/settings/settings';
import { answerLabel, OUTCOME_LABELS } from '../screens/Call/answerText';
import { localDateTime } from '../lib/localDateTime';
import { formatDate, formatDateOr } from '../../../shared/dates/typedDate';
import { OfficeHeader } from './OfficeHeader';
import { ENGLISH_PAGE_WORDS, usePageFooter } from './pageFooter';

const STATUS: Record<CallView['status'], string> = {
  completed: 'Completed',
  partial: 'Dropped before the end: partly verified',
  in_progress: 'Still in progress (not final)',
};

function minutes(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

export function VerificationRecord({
  call,
  office,
  printedAt,
}: {
  call: CallView;
  office: Office;
  printedAt: Date;
}) {
  const end = call.endedAt ? Date.parse(call.endedAt) : printedAt.getTime();
  const held = holdMs(call.holds, end);
  const title =
    call.kind === 'medical' ? 'Medical-plan verification record' : 'Insurance verification record';
  usePageFooter({ document: `${title} #${call.id}`, ...ENGLISH_PAGE_WORDS });
  return (
    <article className="print-page" lang="en">
      <OfficeHeader office={office} />
      <h1 className="print-title">
        {title} <span className="print-ref">#{call.id}</span>
      </h1>
      <dl className="print-facts">
        <div>
          <dt>Patient</dt>
          <dd>{call.patient.name}</dd>
        </div>
        <div>
          <dt>Payer and plan</dt>
          <dd>
            {call.plan.payerName}, {call.plan.planName}
          </dd>
        </div>
        <div>
          <dt>Call</dt>
          <dd>
            {localDateTime(call.startedAt)} · {minutes(end - Date.parse(call.startedAt))} · on hold{' '}
            {minutes(held)}
          </dd>
        </div>
        <div>
          <dt>Number dialled</dt>
          <dd>{call.dialedNumber ?? 'Not recorded'}</dd>
        </div>
        <div>
          <dt>Called by</dt>
          <dd>{call.staffUser}</dd>
        </div>
        <div>
          <dt>Payer rep</dt>
          <dd>{call.repName ?? 'Not recorded'}</dd>
        </div>
        <div>
          <dt>Reference number</dt>
          <dd>
            {call.referenceNumber ??
              `None given${call.noReferenceReason ? `: ${call.noReferenceReason}` : ''}`}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{STATUS[call.status]}</dd>
        </div>
        {call.medicalCallOf !== null && (
          <div>
            <dt>Linked to</dt>
            <dd>dental verification record #{call.medicalCallOf}</dd>
          </div>
        )}
        {call.medicalCalls.length > 0 && (
          <div>
            <dt>Medical plan asked on</dt>
            <dd>record #{call.medicalCalls.join(', #')}</dd>
          </div>
        )}
      </dl>

      <table className="print-table" aria-label="Outcome per code">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Date of service</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {call.planned.map((p) => (
            <tr key={p.code}>
              <td className="strong">{p.code}</td>
              <td>{formatDate(p.serviceDate)}</td>
              <td>
                {call.outcomes[p.code] ? OUTCOME_LABELS[call.outcomes[p.code]!] : 'No outcome recorded'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {call.nextAction && (
        <p className="print-remaining">
          <strong>Next step:</strong> {call.nextAction} (due {formatDateOr(call.nextActionDue, 'not set')})
          {call.reverifyDate && <> · re-verify by {formatDate(call.reverifyDate)}</>}
        </p>
      )}

      <h2 className="print-section">Questions and answers</h2>
      <ol className="print-answers" aria-label="Questions and answers">
        {call.answers.map((a) => (
          <li key={a.key}>
            <span className="print-answer-time">{localDateTime(a.answeredAt).slice(11)}</span> {a.say}{' '}
            <strong>{a.choiceLabel ?? answerLabel(a.answer)}</strong>
            {a.wasKnown && <em> (confirmed from file)</em>}
          </li>
        ))}
      </ol>

      {call.amendments.length > 0 && (
        <section className="print-coverage">
          <h2>Amendments</h2>
          <ul>
            {call.amendments.map((a, i) => (
              <li key={i}>
                {localDateTime(a.amendedAt)}, {a.amendedBy}: {a.what} (why: {a.why})
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="print-note">
        Printed {localDateTime(printedAt.toISOString())}. Answers were saved as they were given; a completed
        record is locked and corrections are added as amendments.
      </p>
    </article>
  );
}
