// The top of a call: who and what the call is about, everything the rep asks for (patient and subscriber
// identifiers, group, the office's NPI and TIN, the number dialled), each copied with Ctrl+1..9, the
// call and hold timers, and hold itself: on hold, the whole header turns amber with the hold time large
// and the rep-is-back key beside it, so nobody misses that the call is waiting.
import { useEffect, useMemo, useState } from 'react';
import { formatDate } from '../../../../shared/dates/typedDate';
import type { CallView } from '../../../../shared/script/callViews';
import { holdMs } from '../../../../shared/script/holdTime';
import { Kbd } from '../../components/Kbd';
import { useNow } from '../../hooks/useNow';
import { call } from '../../lib/api';
import { clockText, secondsSince } from '../../lib/elapsed';
import { useCallStore } from '../../stores/callStore';

const WHO: Record<NonNullable<CallView['member']>['relationship'], string> = {
  self: 'self',
  spouse: 'spouse',
  child: 'parent',
  other: 'other',
};

/** The codes and their appointment, the date the rep checks coverage on: "D0367, D0330 on 12/24/2026". */
export function plannedText(planned: CallView['planned']): string {
  const byDate = new Map<string, string[]>();
  for (const p of planned) byDate.set(p.serviceDate, [...(byDate.get(p.serviceDate) ?? []), p.code]);
  return [...byDate]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, codes]) => `${codes.join(', ')} on ${formatDate(date)}`)
    .join('; ');
}

/** What a rep asks for, in the order they usually ask: the words shown, the text copied (null: none). */
export function callIdentifiers(
  view: CallView,
): Array<{ label: string; shown: string; copy: string | null }> {
  const m = view.member;
  const item = (label: string, copy: string | null, shown: string | null = copy) => ({
    label,
    copy,
    shown: shown ?? 'not on file',
  });
  // The patient is the subscriber: said once, not their name and birth date twice (still copyable).
  const self = m?.relationship === 'self';
  return [
    item('Patient', view.patient.name),
    item('Born', formatDate(view.patient.dob)),
    item('Member ID', m?.memberId ?? null),
    item(
      'Subscriber',
      m?.subscriberName ?? null,
      m ? (self ? 'the patient' : `${m.subscriberName} (${WHO[m.relationship]})`) : null,
    ),
    item(
      'Subscriber born',
      m?.subscriberDob ? formatDate(m.subscriberDob) : null,
      self && m?.subscriberDob ? 'as the patient' : undefined,
    ),
    item('Group', view.plan.groupNumber),
    item('Office NPI', view.office.npi),
    item('Office TIN', view.office.tin),
    item('Dialled', view.dialedNumber ?? view.plan.payerPhone),
  ];
}

function CallIdentifiers({
  view,
  live,
  onCopied,
}: {
  view: CallView;
  live: boolean;
  onCopied: (message: string) => void;
}) {
  const items = useMemo(() => callIdentifiers(view), [view]);
  useEffect(() => {
    if (!live) return;
    // Ctrl+digit: the digit is the item's place; nothing on this screen types with Ctrl held.
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || event.altKey || event.shiftKey || !/^Digit[1-9]$/.test(event.code)) return;
      const entry = items[Number(event.code.slice(5)) - 1];
      if (!entry) return;
      event.preventDefault();
      if (!entry.copy) return onCopied(`${entry.label}: not on file, nothing copied`);
      void call('app:copyText', { text: entry.copy }).then(
        () => onCopied(`${entry.label} copied`),
        () => onCopied(`${entry.label} was not copied`),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, live, onCopied]);
  return (
    <dl className="call-ids" aria-label="What the rep asks for">
      {items.map((entry, i) => (
        <div key={entry.label} className={entry.copy ? undefined : 'missing'}>
          <dt>{entry.label}</dt>
          <dd>
            {entry.shown}
            {live && entry.copy && <Kbd>{`Ctrl+${i + 1}`}</Kbd>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What the last copy key did, for a few seconds. */
function useCopiedMessage(): [string | null, (message: string) => void] {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 4000);
    return () => clearTimeout(timer);
  }, [message]);
  return [message, setMessage];
}

export function CallHeader({ view }: { view: CallView }) {
  const live = view.status === 'in_progress';
  const now = useNow(live);
  const end = view.endedAt ? Date.parse(view.endedAt) : now;
  const toggleHold = useCallStore((s) => s.toggleHold);
  const onHold = live && view.onHold;
  const holdStart = view.holds.find((h) => h.endedAt === null)?.startedAt ?? null;
  const [copied, setCopied] = useCopiedMessage();
  return (
    <section className={`call-header panel${onHold ? ' on-hold' : ''}`} aria-label="The call">
      <div className="call-header-top">
        <div className="call-who">
          <p className="form-title">
            {view.patient.name}
            {view.kind === 'medical' && <span className="badge badge-medical">Medical-plan call</span>}
          </p>
          <p className="muted">
            {view.plan.payerName}, {view.plan.planName} · {plannedText(view.planned)}
            {view.medicalCallOf !== null && ` · for dental call #${view.medicalCallOf}`}
          </p>
        </div>
        {onHold && holdStart && (
          <p className="hold-banner" role="status" aria-label="On hold">
            ON HOLD <strong>{clockText(secondsSince(holdStart, now))}</strong>
          </p>
        )}
        <dl className="call-timers">
          <dt>On the call</dt>
          <dd aria-label="Call time">{clockText(secondsSince(view.startedAt, end))}</dd>
          <dt>On hold</dt>
          <dd aria-label="Hold time">{clockText(Math.round(holdMs(view.holds, end) / 1000))}</dd>
        </dl>
        {live && (
          <div className="call-hold">
            <button
              type="button"
              className={onHold ? 'primary hold-back' : 'secondary'}
              onClick={() => void toggleHold()}
            >
              <Kbd>Alt+H</Kbd> {onHold ? 'The rep is back' : 'On hold'}
            </button>
            <p className="call-ids-status" role="status">
              {copied ?? ''}
            </p>
          </div>
        )}
      </div>
      <CallIdentifiers view={view} live={live} onCopied={setCopied} />
    </section>
  );
}
