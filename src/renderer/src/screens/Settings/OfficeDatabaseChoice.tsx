// Which data this computer opens: its own encrypted file or the office database. Shows what is chosen
// and what is open now (a choice takes effect at the next start), the office key for the next computer,
// and the way back to this computer's own data.
import { useState } from 'react';
import type {
  OfficeDatabaseSettings,
  OfficeDatabaseStatus,
  OfficeDatabaseUsed,
} from '../../../../shared/settings/officeDatabase';
import { formatDate } from '../../../../shared/dates/typedDate';
import { GroupedCode } from '../../components/GroupedCode';
import { ApiError, call } from '../../lib/api';

const where = (s: { database: string; host: string; port: number }) => `${s.database} on ${s.host}:${s.port}`;

export function RestartNow() {
  const [restarting, setRestarting] = useState(false);
  return (
    <button
      type="button"
      className="primary"
      disabled={restarting}
      onClick={() => {
        setRestarting(true);
        void call('officedb:restart', {}).catch(() => setRestarting(false));
      }}
    >
      {restarting ? 'Restarting…' : 'Restart VerifyDesk now'}
    </button>
  );
}

/** After a move or a merge: what was done, that this computer keeps its copy, the office key, restart. */
export function JoinedOffice({
  outcome,
  message,
  officeKey,
}: {
  outcome: 'moved' | 'merged';
  message: string;
  officeKey: string;
}) {
  return (
    <div className="span-all check-result check-good" role="status" data-outcome={outcome}>
      <p>{message}</p>
      <p>This computer keeps its own copy; from its next start it opens the office database.</p>
      <OfficeKey code={officeKey} />
      <div className="form-actions">
        <RestartNow />
      </div>
    </div>
  );
}

export function OfficeKey({ code }: { code: string }) {
  return (
    <>
      <GroupedCode code={code} label="The office key" />
      <p className="muted">
        The office key: type it on each computer that joins this office database, with the server’s details.
        Keep it like the recovery code; the audit trail on the server is signed with it.
      </p>
    </>
  );
}

/** What this computer opens now and at its next start, with the office key and the way back. */
export function CurrentChoice({
  status,
  onChanged,
  offerRestart,
}: {
  status: OfficeDatabaseStatus;
  onChanged: () => void;
  /** False while the answer to "Use" below offers the restart itself. */
  offerRestart: boolean;
}) {
  const [key, setKey] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [left, setLeft] = useState<string | null>(null);
  const { saved } = status;
  const chosen = saved
    ? `the office database ${where(saved)} as ${saved.user}${saved.requireTls ? ', over TLS' : ''}`
    : 'its own encrypted database';
  const when = saved ? ` Chosen on ${formatDate(saved.savedOn)} by ${saved.savedBy}.` : '';
  return (
    <div className="officedb-current" role="region" aria-label="The data this computer uses">
      {status.restartNeeded ? (
        <p className="notice" role="status">
          <strong>From its next start, this computer opens {chosen}.</strong>
          {when} Until then this window shows {status.openNow}. {offerRestart && <RestartNow />}
        </p>
      ) : (
        <p>
          <strong>This computer uses {chosen}.</strong>
          {when}
        </p>
      )}
      {left && <p role="status">{left}</p>}
      {saved && (
        <div className="form-actions">
          {key === null ? (
            <button
              type="button"
              className="secondary"
              onClick={() => void call('officedb:key', {}).then((r) => setKey(r.officeKey))}
            >
              Show the office key
            </button>
          ) : null}
          {!leaving ? (
            <button type="button" className="secondary" onClick={() => setLeaving(true)}>
              Use this computer’s own data again…
            </button>
          ) : (
            <p className="notice">
              What is entered on the office database stays there and is not copied to this computer.{' '}
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void call('officedb:leave', {}).then((r) => {
                    setLeft(r.message);
                    setLeaving(false);
                    onChanged();
                  })
                }
              >
                Use own data from the next start
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setLeaving(false)}>
                Cancel
              </button>
            </p>
          )}
        </div>
      )}
      {key && <OfficeKey code={key} />}
    </div>
  );
}

/**
 * After a check found a usable VerifyDesk database: the office key (needed when the database already
 * has a trail) and "Use this office database on this computer".
 */
export function UseOfficeDatabase({
  settings,
  onUsed,
}: {
  settings: () => OfficeDatabaseSettings;
  onUsed: () => void;
}) {
  const [officeKey, setOfficeKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [used, setUsed] = useState<OfficeDatabaseUsed | null>(null);
  const use = () => {
    setBusy(true);
    call('officedb:use', { settings: settings(), officeKey }, { banner: false })
      .then((r) => {
        setUsed(r);
        onUsed();
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'It could not be saved.'))
      .finally(() => setBusy(false));
  };
  if (used)
    return (
      <div className="span-all officedb-used" role="status">
        <p className="check-result check-good">{used.message}</p>
        <OfficeKey code={used.officeKey} />
        <div className="form-actions">
          <RestartNow />
        </div>
      </div>
    );
  return (
    <div className="span-all officedb-use">
      <div className="field">
        <label htmlFor="officedb-officeKey">
          Office key{' '}
          <span className="hint">
            (from Settings on a computer that already uses this database; leave empty for a new office
            database)
          </span>
        </label>
        <input
          id="officedb-officeKey"
          className="monospace"
          value={officeKey}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'officedb-officeKey-error' : undefined}
          onChange={(e) => {
            setOfficeKey(e.target.value);
            setError(null);
          }}
          // Enter here means "use it", not the form's "Test the connection".
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (!busy) use();
            }
          }}
        />
        {error && (
          <p className="field-error" id="officedb-officeKey-error">
            {error}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={use}>
          {busy ? 'Checking and saving…' : 'Use this office database on this computer'}
        </button>
      </div>
    </div>
  );
}
