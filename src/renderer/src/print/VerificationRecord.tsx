// The verification record for the chart: the paper a disputed claim is argued with. It shows what the
// payer used to find the member (member ID, group, subscriber and relationship, birth dates: this is the
// chart copy, never handed to the patient), who was called, who answered, the reference number, times with
// their zone, a summary per code of what decides payment, and every question as it was put with its
// answer: new, confirmed (the same as on file), or changed (with the old value and where it came from).
import { formatDate } from '../../../shared/dates/typedDate';
import { OUTCOME_LABELS } from '../../../shared/script/answerWords';
import type { CallView } from '../../../shared/script/callViews';
import { holdMs } from '../../../shared/script/holdTime';
import type { Office } from '../../../shared/settings/settings';
import { dateTimeWithZone, timeOfDay } from '../lib/localDateTime';
import { OfficeHeader } from './OfficeHeader';
import { ENGLISH_PAGE_WORDS, usePageFooter } from './pageFooter';

/**
 * A short answer without spaces (a reference or authorization number) is kept on one line: split at its
 * hyphen it is misread when someone quotes it back to the payer.
 */
const isToken = (words: string) => words.length <= 30 && !/\s/.test(words);

const STATUS: Record<CallView['status'], string> = {
  completed: 'Completed',
  partial: 'Dropped before the end: partly verified',
  in_progress: 'Still in progress (not final)',
};

/** How the patient relates to the subscriber, as a sentence part. */
const RELATIONSHIP: Record<NonNullable<CallView['member']>['relationship'], string> = {
  self: 'the patient is the subscriber',
  spouse: "the patient is the subscriber's spouse",
  child: "the patient is the subscriber's child",
  other: 'the patient is a dependent (other)',
};

function minutes(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

type Comparison = CallView['answers'][number]['comparison'];

/** The comparison in words for the record. */
function compared(comparison: Comparison, was: string | null, readBackAt: string | null): string | null {
  switch (comparison) {
    case 'new':
      return 'new';
    case 'confirmed':
      return 'confirmed';
    case 'changed':
      return `changed: was ${was ?? 'something else'}${readBackAt ? `; read back ${timeOfDay(readBackAt)}` : ''}`;
    case 'not_known':
      return 'the rep did not know';
    case 'was_on_file':
      return 'an answer was on file (recorded before comparisons were kept)';
    default:
      return null;
  }
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
  const member = call.member;
  return (
    <article className="print-page print-record" lang="en">
      <OfficeHeader office={office} />
      <h1 className="print-title">
        {title} <span className="print-ref">#{call.id}</span>
      </h1>
      <p className="print-note print-chart-only">
        Chart copy: holds the member&apos;s identifiers; not for the patient. Printed{' '}
        {dateTimeWithZone(printedAt.toISOString())}. Answers were saved as they were given; a completed record
        is locked and corrections are added as amendments. &quot;Confirmed&quot;: the same as on file;
        &quot;new&quot;: nothing was on file; &quot;changed&quot;: different from the file, with what it
        replaced.
      </p>
      <dl className="print-facts">
        <div>
          <dt>Patient</dt>
          <dd>
            {call.patient.name}, born {formatDate(call.patient.dob)}
          </dd>
        </div>
        <div>
          <dt>Payer and plan</dt>
          <dd>
            {call.plan.payerName}, {call.plan.planName}
            {call.plan.groupNumber ? `, group ${call.plan.groupNumber}` : ''}
          </dd>
        </div>
        <div>
          <dt>Member ID</dt>
          <dd>{member ? member.memberId : 'No coverage on file for this plan'}</dd>
        </div>
        <div>
          <dt>Subscriber</dt>
          <dd>
            {member
              ? `${member.subscriberName}${member.subscriberDob ? `, born ${formatDate(member.subscriberDob)}` : ''} (${RELATIONSHIP[member.relationship]})`
              : 'Not on file'}
          </dd>
        </div>
        <div>
          <dt>Call</dt>
          <dd>
            {dateTimeWithZone(call.startedAt)} · {minutes(end - Date.parse(call.startedAt))} · on hold{' '}
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

      <table className="print-table print-code-summary" aria-label="What the payer said, per code">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Date of service</th>
            <th scope="col">Outcome</th>
            <th scope="col">What the payer said</th>
          </tr>
        </thead>
        <tbody>
          {call.codeSummary.map((c) => {
            const planned = call.planned.find((p) => p.code === c.code)!;
            return (
              <tr key={c.code}>
                <td className="strong">{c.code}</td>
                <td>{formatDate(planned.serviceDate)}</td>
                <td>{c.outcome ? OUTCOME_LABELS[c.outcome] : 'No outcome recorded'}</td>
                <td>
                  {c.items.length === 0
                    ? 'Not asked'
                    : c.items.map((item, i) => (
                        <span key={item.label} className="print-said">
                          {i > 0 && ' · '}
                          {item.label}: <strong>{item.words}</strong>
                          {item.comparison === 'changed' && <em> (changed; was {item.was})</em>}
                          {item.comparison === 'confirmed' && <em> (confirmed)</em>}
                          {item.comparison === 'new' && <em> (new)</em>}
                        </span>
                      ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {call.nextAction && (
        <p className="print-remaining">
          <strong>Next step:</strong> {call.nextAction}
          {call.nextActionDue ? ` (due ${formatDate(call.nextActionDue)})` : ''}
          {call.reverifyDate && <> · re-verify by {formatDate(call.reverifyDate)}</>}
        </p>
      )}

      <h2 className="print-section">Questions and answers</h2>
      <ol className="print-answers" aria-label="Questions and answers">
        {call.answers.map((a) => {
          const note = compared(
            a.comparison,
            a.onFile ? `${a.onFile.text}, ${a.onFile.source}` : null,
            a.readBackAt,
          );
          return (
            <li key={a.key}>
              <span className="print-answer-time">{timeOfDay(a.answeredAt)}</span>{' '}
              {a.code ? `${a.code}: ` : ''}
              {a.question} <strong className={isToken(a.words) ? 'print-token' : undefined}>{a.words}</strong>
              {note && <em> ({note})</em>}
            </li>
          );
        })}
      </ol>

      {call.amendments.length > 0 && (
        <section className="print-coverage">
          <h2>Amendments</h2>
          <ul>
            {call.amendments.map((a, i) => (
              <li key={i}>
                {dateTimeWithZone(a.amendedAt)}, {a.amendedBy}: {a.what} (why: {a.why})
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
