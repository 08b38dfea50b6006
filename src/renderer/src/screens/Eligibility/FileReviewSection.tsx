// One eligibility file in the review: what it is (payer, date, test data), how its percents are read,
// and its members, grouped as a person checks them: matched, something differs, not matched.
import type { FileReview, MemberReview } from '../../../../shared/eligibility/eligibilityViews';
import { formatDate } from '../../../../shared/dates/typedDate';
import { plural } from '../../lib/plural';
import { useEligibilityStore } from '../../stores/eligibilityStore';
import { MemberCard } from './MemberCard';

const GROUPS: Array<{ title: string; matches: Array<MemberReview['match']> }> = [
  { title: 'Matched', matches: ['matched'] },
  { title: 'Something differs: check before ticking', matches: ['differs'] },
  {
    title: 'Not matched or not answered: nothing can be recorded',
    matches: ['not_found', 'rejected', 'no_benefits'],
  },
];

export function FileReviewSection({ file, index }: { file: FileReview; index: number }) {
  const readAs = useEligibilityStore((s) => s.readAs);
  const coinsurance = useEligibilityStore(
    (s) => s.files.find((f) => f.fileName === file.fileName)?.coinsurance,
  );
  const counts = GROUPS.map((g) => file.members.filter((m) => g.matches.includes(m.match)).length);
  return (
    <section className="eligibility-file" aria-label={file.fileName}>
      <h3>
        {file.fileName}
        {file.testData && <span className="badge badge-sample">Test data</span>}
      </h3>
      {file.error ? (
        <p className="field-error" role="alert">
          {file.error}
        </p>
      ) : (
        <>
          <p className="eligibility-meta">
            From <strong>{file.payerName}</strong>
            {file.payerId && ` (payer ID ${file.payerId})`}, dated {formatDate(file.responseDate!)}.{' '}
            {plural(file.members.length, 'member')}: {counts[0]} matched, {counts[1]} with a difference,{' '}
            {counts[2]} not matched.
          </p>
          {file.alreadyImported && (
            <p className="field-error" role="status">
              {file.alreadyImported}
            </p>
          )}
          {file.rejections.map((r) => (
            <p key={r} className="field-error" role="alert">
              The payer did not answer: {r}
            </p>
          ))}
          <div className="button-row eligibility-coinsurance">
            <label htmlFor={`coinsurance-${index}`}>Coinsurance percents (EB08) are</label>
            <select
              id={`coinsurance-${index}`}
              value={coinsurance ?? 'payer_setting'}
              onChange={(e) => void readAs(index, e.target.value as 'payer_setting')}
            >
              <option value="payer_setting">
                as the payer is set (patient&rsquo;s share unless set otherwise)
              </option>
              <option value="patient_share">the patient&rsquo;s share (as the 271 guide says)</option>
              <option value="plan_share">the plan&rsquo;s share (this payer inverts them)</option>
            </select>
          </div>
          {GROUPS.map((g, i) =>
            counts[i] === 0 ? null : (
              <div key={g.title} className="eligibility-group">
                <h4>{g.title}</h4>
                {file.members
                  .filter((m) => g.matches.includes(m.match))
                  .map((m) => (
                    <MemberCard key={m.key} member={m} />
                  ))}
              </div>
            ),
          )}
        </>
      )}
    </section>
  );
}
