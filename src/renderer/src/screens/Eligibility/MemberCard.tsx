// One member of a 271 in the review: who the file names and who on file it matched, what differs, the
// payer's rejection if any, and (unfolded) every line of the file with what would be recorded beside what
// is on file now.
import type { MemberReview } from '../../../../shared/eligibility/eligibilityViews';
import { formatDate } from '../../../../shared/dates/typedDate';
import { plural } from '../../lib/plural';
import { useEligibilityStore } from '../../stores/eligibilityStore';

const MATCH_WORDS: Record<MemberReview['match'], string> = {
  matched: 'Matched',
  differs: 'Differs',
  not_found: 'Not found',
  rejected: 'Rejected by the payer',
  no_benefits: 'No benefits sent',
};

const ABOUT_WORDS = { plan: 'plan', coverage: 'member', patient: 'history' } as const;

export function MemberCard({ member: m }: { member: MemberReview }) {
  const ticked = useEligibilityStore((s) => s.ticked.includes(m.key));
  const toggle = useEligibilityStore((s) => s.toggle);
  const id = `member-${m.key.replace(/[^\w-]/g, '-')}`;
  return (
    <article className={`eligibility-member match-${m.match}`} aria-labelledby={`${id}-name`}>
      <div className="eligibility-member-head">
        {m.recordable ? (
          <input
            type="checkbox"
            id={id}
            checked={ticked}
            onChange={() => toggle(m.key)}
            aria-label={`Record ${m.name}`}
          />
        ) : (
          <span className="eligibility-nocheck" aria-hidden="true" />
        )}
        <div>
          <p className="eligibility-who">
            <label htmlFor={m.recordable ? id : undefined} id={`${id}-name`}>
              <strong>{m.name}</strong>
            </label>{' '}
            <span className="muted">
              {m.level === 'dependent' ? 'dependent · ' : ''}member {m.memberId || '—'}
              {m.birthDate ? ` · born ${formatDate(m.birthDate)}` : ''}
            </span>{' '}
            <span className={`badge match-badge-${m.match}`}>{MATCH_WORDS[m.match]}</span>
          </p>
          {m.patient && m.coverage && (
            <p className="eligibility-on-file">
              On file: {m.patient.name} (born {formatDate(m.patient.dob)}) · {m.coverage.payerName},{' '}
              {m.coverage.planName}
              {m.coverage.groupNumber ? `, group ${m.coverage.groupNumber}` : ''} · member{' '}
              {m.coverage.memberId}
            </p>
          )}
          {m.rejections.map((r) => (
            <p key={r} className="field-error">
              The payer says: {r}
            </p>
          ))}
          {m.differences.length > 0 && (
            <ul className="eligibility-differences">
              {m.differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {m.findings.length > 0 && (
        <details className="eligibility-details">
          <summary>
            What the file says ({plural(m.findings.length, 'line')}; {plural(m.statements, 'answer')} to
            record)
          </summary>
          <table className="eligibility-table">
            <thead>
              <tr>
                <th scope="col">About</th>
                <th scope="col">The file says</th>
                <th scope="col">Recorded as</th>
              </tr>
            </thead>
            <tbody>
              {m.findings.map((f, i) => (
                <tr key={`${f.topic}-${i}`}>
                  <th scope="row">{f.topic}</th>
                  <td>
                    {f.words.map((w, j) => (
                      <div key={j}>{w}</div>
                    ))}
                    {f.notes.map((n, j) => (
                      <div key={`n${j}`} className="eligibility-note">
                        {n}
                      </div>
                    ))}
                  </td>
                  <td>
                    {f.statements.length === 0 && <span className="muted">Nothing (shown only)</span>}
                    {f.statements.map((s, j) => (
                      <div key={j} className={s.differs ? 'eligibility-differs' : undefined}>
                        <span className="muted small">{ABOUT_WORDS[s.about]}:</span> {s.words}
                        {s.onFile && (
                          <div className="muted small">
                            {s.differs ? 'On file differs: ' : 'On file: '}
                            {s.onFile}
                          </div>
                        )}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </article>
  );
}
