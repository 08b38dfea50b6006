// Who is signed in, signing out, and (administrators) how soon an unattended screen locks.
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '../../../../shared/auth/authViews';
import { ApiError, call } from '../../lib/api';
import { useSessionStore } from '../../stores/sessionStore';

export function SessionPanel({ lockAfterMinutes }: { lockAfterMinutes: number }) {
  const status = useSessionStore((s) => s.status);
  const signOut = useSessionStore((s) => s.signOut);
  const refresh = useSessionStore((s) => s.refresh);
  const [minutes, setMinutes] = useState(String(lockAfterMinutes));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const isAdmin = status?.user?.role === 'admin';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    call('settings:update', { lockAfterMinutes: Number(minutes) }).then(
      () => {
        setProblem(null);
        setSaved(true);
        void refresh();
      },
      (error: unknown) => error instanceof ApiError && setProblem(error.message),
    );
  };
  return (
    <div className="panel">
      <h2>Signed in</h2>
      <p>
        {status?.user?.displayName} ({status?.user ? ROLE_LABELS[status.user.role] : ''}). VerifyDesk locks
        after {status?.lockAfterMinutes} minutes without use, and at once with Ctrl+L.
      </p>
      {isAdmin && (
        <form className="form" aria-label="Automatic lock" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="lock-minutes">Lock after (minutes, 1 to 30)</label>
            <input
              id="lock-minutes"
              inputMode="numeric"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
            {problem && <p className="field-error">{problem}</p>}
          </div>
          <div className="form-actions">
            <button type="submit" className="secondary">
              Save
            </button>
            {saved && (
              <span className="saved" role="status">
                Saved.
              </span>
            )}
          </div>
        </form>
      )}
      <div className="form-actions" style={{ marginTop: 12 }}>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </div>
  );
}
