// Changing the database key, for administrators: after someone who knew the recovery code leaves, or if
// it may have been seen. Backups made before keep opening; the new recovery code is shown next.
import { useState } from 'react';
import { call } from '../../lib/api';

export function KeyPanel() {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <div className="panel">
      <h2>Database key</h2>
      <p className="muted">
        The data is encrypted with a key this computer keeps. Change it when someone who had the recovery code
        leaves, or if the code may have been seen. Older backups still open; the new recovery code is shown at
        once and must be stored like the first.
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
            // The reload brings the new recovery code up before anything else.
            void call('security:changeKey', {}).then(
              () => window.location.reload(),
              () => setBusy(false),
            );
          }}
        >
          {busy ? 'Changing the key…' : 'Change the database key'}
        </button>
      </div>
    </div>
  );
}
