// When the database fails its checks at start: what is wrong, the newest backup that checks out (or
// one picked from elsewhere, e.g. the backup drive), what it holds, and a restore at the next start.
// Nothing is written to the damaged database; it is kept aside when the backup comes back.
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/ipc/contract';
import { ApiError, call } from '../../lib/api';
import { localDateTime } from '../../lib/localDateTime';
import { SessionCard } from './SessionCard';

type Offer = NonNullable<Output<'startup:damage'>['offer']>;

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function DamagedDatabase() {
  const [problem, setProblem] = useState<string | null>(null);
  const [offer, setOffer] = useState<Offer | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [restarting, setRestarting] = useState(false);
  const fail = (error: unknown) => error instanceof ApiError && setMessage(error.message);

  useEffect(() => {
    call('startup:damage', {}).then((d) => {
      setProblem(d.problem);
      setOffer(d.offer);
    }, fail);
  }, []);

  const choose = () =>
    call('startup:chooseBackup', {}).then((r) => {
      if (r.offer) {
        setOffer(r.offer);
        setConfirm(false);
        setMessage(null);
      }
    }, fail);
  const restore = (file: string) => call('startup:restore', { file }).then(() => setRestarting(true), fail);

  return (
    <SessionCard title="The database is damaged" width="wide">
      <p>
        VerifyDesk checks its database every time it starts, and this time the check failed. Nothing has been
        changed or repaired.
      </p>
      {problem && <p className="muted">{problem}</p>}
      {offer ? (
        <div className="notice" role="region" aria-label="Backup to restore">
          <p className="notice-title">
            {offer.takenAt
              ? `The newest backup that checks out was taken ${localDateTime(offer.takenAt)}.`
              : 'This backup checks out.'}
          </p>
          <p>
            It holds {count(offer.patients, 'patient')}, {count(offer.calls, 'call')} and{' '}
            {count(offer.estimates, 'estimate')}. Anything entered after it was taken is not in it. The
            damaged file is kept aside, not deleted. VerifyDesk restarts to restore it.
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> I
            understand
          </label>
        </div>
      ) : (
        problem && (
          <p>
            No backup in the usual folder checks out. If the practice keeps backups elsewhere (another drive,
            a USB stick), choose one.
          </p>
        )
      )}
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      {restarting ? (
        <p className="saved" role="status">
          Restarting to restore the backup…
        </p>
      ) : (
        <div className="form-actions">
          {offer && (
            <button
              type="button"
              className="primary"
              disabled={!confirm}
              onClick={() => void restore(offer.file)}
            >
              Restore this backup and restart
            </button>
          )}
          <button type="button" className="secondary" onClick={() => void choose()}>
            Choose another backup…
          </button>
        </div>
      )}
      <p className="muted">To stop here without changing anything, close VerifyDesk.</p>
    </SessionCard>
  );
}
