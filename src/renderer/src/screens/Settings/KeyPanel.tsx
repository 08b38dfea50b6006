// Changing the database key, for administrators: after someone who knew the recovery code leaves, or if
// it may have been seen. The backups VerifyDesk keeps get the new key too; the new recovery code is
// shown next. What the change cannot reach (a drive not plugged in, copies taken elsewhere) is said here.
import { useState } from 'react';
import { call } from '../../lib/api';

export function KeyPanel() {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notReached, setNotReached] = useState<string[] | null>(null);
  // The reload brings the new recovery code up before anything else.
  const showRecoveryCode = () => window.location.reload();
  return (
    <div className="panel">
      <h2>Database key</h2>
      <p className="muted">
        The data is encrypted with a key this computer keeps. Change it when someone who had the recovery code
        leaves, or if the code may have been seen. The backups in the backup folders are re-encrypted with the
        new key, so the old code no longer opens them; the new recovery code is shown at once and must be
        stored like the first.
      </p>
      <p className="muted">
        The change cannot reach copies outside those folders: a backup drive that is not plugged in (its
        copies are re-encrypted the next time a backup is copied to it), or copies someone took elsewhere.
        Those still open with the old recovery code: destroy them, or plug the drive in before changing the
        key.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> The old
        recovery code should stop being the way in
      </label>
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          disabled={!confirm || busy}
          onClick={() => {
            setBusy(true);
            void call('security:changeKey', {}).then(
              (r) =>
                r.foldersNotReached.length > 0 ? setNotReached(r.foldersNotReached) : showRecoveryCode(),
              () => setBusy(false),
            );
          }}
        >
          {busy ? 'Changing the key…' : 'Change the database key'}
        </button>
      </div>
      {notReached && (
        <div role="alert" className="alarm">
          <p>
            The key was changed. These backup folders were not there, so their copies still open with the old
            recovery code until the drive is plugged in and a backup is made: {notReached.join(', ')}.
          </p>
          <button type="button" className="primary" onClick={showRecoveryCode}>
            Show the new recovery code
          </button>
        </div>
      )}
    </div>
  );
}
