// "Merge this computer's data into the office database", for a computer with data of its own joining an
// office database that already holds the office's: the office key (the office trail is signed with it),
// what happens in words, and, when some of this computer's patients only partly match the office's, a
// review list asking for each pair "Same patient" or "Different patients" before merging again.
import { useState } from 'react';
import type {
  OfficeDatabaseMerge,
  OfficeDatabaseSettings,
  PatientDecisionInput,
} from '../../../../shared/settings/officeDatabase';
import { formatDate } from '../../../../shared/dates/typedDate';
import { ApiError, call } from '../../lib/api';
import { JoinedOffice } from './OfficeDatabaseChoice';

type Review = Extract<OfficeDatabaseMerge, { outcome: 'review' }>;
type Side = Review['pairs'][number]['here'];

/** "same:<office id>" or "separate", per patient of this computer. */
type Choices = Record<number, string>;

function Person({ side, whose }: { side: Side; whose: string }) {
  return (
    <div className="merge-person">
      <span className="hint">{whose}</span>
      <strong>
        {side.firstName} {side.lastName}
      </strong>
      <span>born {formatDate(side.dob)}</span>
      <span>member ID {side.memberIds.length > 0 ? side.memberIds.join(', ') : 'none on file'}</span>
    </div>
  );
}

export function MergeIntoOffice({
  settings,
  where,
  onCancel,
  onMerged,
}: {
  settings: () => OfficeDatabaseSettings;
  where: string;
  onCancel: () => void;
  onMerged: () => void;
}) {
  const [officeKey, setOfficeKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [review, setReview] = useState<Review | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [merged, setMerged] = useState<Extract<OfficeDatabaseMerge, { outcome: 'merged' }> | null>(null);

  const decisions = (): PatientDecisionInput[] =>
    Object.entries(choices).map(([here, choice]) =>
      choice === 'separate'
        ? { patientId: Number(here), separate: true }
        : { patientId: Number(here), sameAs: Number(choice.slice('same:'.length)) },
    );
  const merge = () => {
    setBusy(true);
    setError(null);
    call('officedb:merge', { settings: settings(), officeKey, decisions: decisions() }, { banner: false })
      .then((result) => {
        if (result.outcome === 'review') {
          setReview(result);
          return;
        }
        setMerged(result);
        onMerged();
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'The merge could not run.'))
      .finally(() => setBusy(false));
  };

  if (merged) return <JoinedOffice outcome="merged" message={merged.message} officeKey={merged.officeKey} />;

  const inDoubt = review ? new Set(review.pairs.map((p) => p.here.id)).size : 0;
  const undecided = review
    ? [...new Set(review.pairs.map((p) => p.here.id))].filter((id) => choices[id] === undefined).length
    : 0;
  return (
    <div className="span-all notice officedb-merge" role="group" aria-label="Merge this computer’s data">
      <p className="notice-title">Merge this computer’s data into {where}?</p>
      {!review && (
        <>
          <p>
            The office database already holds the office’s data. VerifyDesk adds this computer’s to it in one
            step: users, payers and plans with the same name are the office’s; a patient with the same name,
            birth date and member ID is the office’s patient, and this computer’s calls and PA items join that
            patient. A patient that only partly matches is shown to you first. If anything does not check out,
            nothing is added.
          </p>
          <p>
            This computer’s audit trail is kept on the server as it is. This computer keeps its own copy; from
            its next start it opens the office database.
          </p>
        </>
      )}
      {review && (
        <div className="merge-review" aria-label="Patients to review">
          <p>
            {inDoubt === 1
              ? 'One patient of this computer looks like a patient of the office, but not for certain.'
              : `${inDoubt} patients of this computer look like patients of the office, but not for certain.`}{' '}
            Nothing has been merged yet. Say for each whether it is the same person.
          </p>
          <ul className="merge-pairs">
            {review.pairs.map((pair) => {
              const name = `merge-${pair.here.id}`;
              const same = `same:${pair.office.id}`;
              return (
                <li key={`${pair.here.id}-${pair.office.id}`} className="merge-pair">
                  <Person side={pair.here} whose="On this computer" />
                  <Person side={pair.office} whose="In the office database" />
                  <p className="hint merge-why">{pair.why}</p>
                  <div
                    className="merge-choice"
                    role="radiogroup"
                    aria-label={`${pair.here.firstName} ${pair.here.lastName}`}
                  >
                    <label className="checkbox">
                      <input
                        type="radio"
                        name={name}
                        checked={choices[pair.here.id] === same}
                        onChange={() => setChoices({ ...choices, [pair.here.id]: same })}
                      />{' '}
                      Same patient
                    </label>
                    <label className="checkbox">
                      <input
                        type="radio"
                        name={name}
                        checked={choices[pair.here.id] === 'separate'}
                        onChange={() => setChoices({ ...choices, [pair.here.id]: 'separate' })}
                      />{' '}
                      Different patients
                    </label>
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {!review && (
        <div className="field">
          <label htmlFor="officedb-mergeKey">
            Office key{' '}
            <span className="hint">(from Settings on a computer that already uses this database)</span>
          </label>
          <input
            id="officedb-mergeKey"
            className="monospace"
            value={officeKey}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'officedb-mergeKey-error' : undefined}
            onChange={(e) => {
              setOfficeKey(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.preventDefault();
            }}
          />
        </div>
      )}
      {error && (
        <p className="field-error" id="officedb-mergeKey-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy || undecided > 0} onClick={merge}>
          {busy ? 'Merging…' : review ? 'Merge with these decisions' : 'Merge the data'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
