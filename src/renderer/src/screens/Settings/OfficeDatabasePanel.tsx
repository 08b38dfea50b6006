// Settings, Office database (administrators): which data this computer opens, the server's details,
// "Test the connection" with its answer in plain words, "Create the VerifyDesk database" when the check
// found an empty database, "Move this computer's data to the office database" (after a confirmation that
// says what happens) when it found a VerifyDesk database holding no office data yet, "Merge this
// computer's data into the office database" (OfficeDatabaseMerge.tsx) when it holds office data already
// and this computer runs on its own data, and "Use this office database on this computer" when it found a
// usable one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type {
  OfficeDatabaseCheck,
  OfficeDatabaseMove,
  OfficeDatabaseSettings,
  OfficeDatabaseStatus,
} from '../../../../shared/settings/officeDatabase';
import { FormError } from '../../components/FormError';
import { ApiError, call } from '../../lib/api';
import { FORM_ERROR, fieldErrorsFrom, type FieldErrors } from '../../lib/fieldErrors';
import { CurrentChoice, JoinedOffice, UseOfficeDatabase } from './OfficeDatabaseChoice';
import { MergeIntoOffice } from './OfficeDatabaseMerge';

const FIELDS = ['host', 'port', 'database', 'user', 'password', 'requireTls', 'caCertificate'];

/** The form as typed: the port stays text until it is sent. */
type Typed = Omit<OfficeDatabaseSettings, 'port'> & { port: string };

const START: Typed = {
  host: '',
  port: '5432',
  database: 'verifydesk',
  user: '',
  password: '',
  requireTls: true,
  caCertificate: '',
};

const GOOD: ReadonlyArray<OfficeDatabaseCheck['outcome']> = ['ready', 'empty', 'older'];
/** What a computer may choose to use: a VerifyDesk database at this version or one it brings up to date. */
const USABLE: ReadonlyArray<OfficeDatabaseCheck['outcome']> = ['ready', 'older'];

export function OfficeDatabasePanel() {
  const [typed, setTyped] = useState<Typed>(START);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [check, setCheck] = useState<OfficeDatabaseCheck | null>(null);
  const [status, setStatus] = useState<OfficeDatabaseStatus | null>(null);
  const [justUsed, setJustUsed] = useState(false);
  const loadStatus = useCallback(() => void call('officedb:status', {}).then(setStatus, () => undefined), []);
  useEffect(loadStatus, [loadStatus]);
  const [busy, setBusy] = useState<'check' | 'create' | 'move' | null>(null);
  /** The move's confirmation (or the merge's box) is open. */
  const [confirming, setConfirming] = useState<'move' | 'merge' | false>(false);
  const [moved, setMoved] = useState<OfficeDatabaseMove | null>(null);

  const edit = (change: Partial<Typed>) => {
    setTyped({ ...typed, ...change });
    // An answer about other settings would mislead, and Create or Move must follow a check of these.
    setCheck(null);
    setConfirming(false);
  };
  const settings = (): OfficeDatabaseSettings => ({
    ...typed,
    port: typed.port.trim() === '' ? Number.NaN : Number(typed.port),
  });
  const failed = (error: unknown) =>
    setErrors(
      fieldErrorsFrom(error, FIELDS) ?? {
        [FORM_ERROR]: error instanceof ApiError ? error.message : 'The check could not run.',
      },
    );
  const run = (what: 'check' | 'create') => {
    setBusy(what);
    setErrors({});
    setCheck(null);
    setMoved(null);
    const channel = what === 'check' ? 'officedb:check' : 'officedb:create';
    // The answer (or the refusal) is shown here, beside the buttons, not as a banner.
    call(channel, settings(), { banner: false })
      .then(setCheck, failed)
      .finally(() => setBusy(null));
  };
  const move = () => {
    setBusy('move');
    setErrors({});
    call('officedb:move', settings(), { banner: false })
      .then((result) => {
        setMoved(result);
        setCheck(null);
        setConfirming(false);
        setJustUsed(true);
        loadStatus();
      })
      .catch((error: unknown) => {
        // The refusal shows beside the form; the check's answer comes back so the person can test again.
        failed(error);
        setConfirming(false);
      })
      .finally(() => setBusy(null));
  };
  const where = `${typed.database.trim()} on ${typed.host.trim()}:${typed.port.trim()}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run('check');
  };
  const field = (key: keyof Typed) => ({
    id: `officedb-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `officedb-${key}-error` : undefined,
  });
  const error = (key: string) =>
    errors[key] ? (
      <p className="field-error" id={`officedb-${key}-error`}>
        {errors[key]}
      </p>
    ) : null;

  return (
    <div className="panel">
      <h2>Office database</h2>
      <p className="muted">
        Several VerifyDesk computers can share one PostgreSQL server in the office, so what one desk learns is
        there for the next. Type the server’s details and test the connection: VerifyDesk says what it found
        and, for an empty database, can create the VerifyDesk tables and move this computer’s data there (or
        merge it into one that holds the office’s data already); then this computer uses it from its next
        start. The password is kept only in this computer’s protected storage.
      </p>
      {status && (
        // A new choice starts afresh: a key shown for the database chosen before is not this one's.
        <CurrentChoice
          key={`${status.saved?.database}@${status.saved?.host}:${status.saved?.port}`}
          status={status}
          onChanged={loadStatus}
          offerRestart={!justUsed}
        />
      )}
      <form className="form officedb-form" aria-label="Office database server" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="officedb-host">
            Server <span className="hint">(name or IP address)</span>
          </label>
          <input
            {...field('host')}
            value={typed.host}
            placeholder="db.office.lan"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => edit({ host: e.target.value })}
          />
          {error('host')}
        </div>
        <div className="field">
          <label htmlFor="officedb-port">Port</label>
          <input
            {...field('port')}
            value={typed.port}
            inputMode="numeric"
            onChange={(e) => edit({ port: e.target.value })}
          />
          {error('port')}
        </div>
        <div className="field">
          <label htmlFor="officedb-database">Database</label>
          <input
            {...field('database')}
            value={typed.database}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => edit({ database: e.target.value })}
          />
          {error('database')}
        </div>
        <div className="field">
          <label htmlFor="officedb-user">User</label>
          <input
            {...field('user')}
            value={typed.user}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => edit({ user: e.target.value })}
          />
          {error('user')}
        </div>
        <div className="field">
          <label htmlFor="officedb-password">Password</label>
          <input
            {...field('password')}
            type="password"
            autoComplete="off"
            value={typed.password}
            onChange={(e) => edit({ password: e.target.value })}
          />
          {error('password')}
        </div>
        <div className="span-all officedb-tls">
          <label className="checkbox" htmlFor="officedb-requireTls">
            <input
              {...field('requireTls')}
              type="checkbox"
              checked={typed.requireTls}
              onChange={(e) => edit({ requireTls: e.target.checked })}
            />{' '}
            Require TLS <span className="hint">(off only for a server on this computer)</span>
          </label>
          {error('requireTls')}
        </div>
        <div className="field span-all">
          <label htmlFor="officedb-caCertificate">
            CA certificate{' '}
            <span className="hint">
              (paste the PEM of the authority that signed the server’s certificate; leave empty if a public
              authority signed it)
            </span>
          </label>
          <textarea
            {...field('caCertificate')}
            rows={3}
            spellCheck={false}
            placeholder="-----BEGIN CERTIFICATE-----"
            value={typed.caCertificate}
            onChange={(e) => edit({ caCertificate: e.target.value })}
          />
          {error('caCertificate')}
        </div>
        <FormError errors={errors} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'check' ? 'Testing…' : 'Test the connection'}
          </button>
          {check?.outcome === 'ready' && check.holdsOfficeData === false && !confirming && (
            <button
              type="button"
              className="secondary"
              disabled={busy !== null}
              onClick={() => setConfirming('move')}
            >
              Move this computer’s data to the office database
            </button>
          )}
          {check?.outcome === 'ready' &&
            check.holdsOfficeData === true &&
            status?.running === 'own' &&
            !confirming && (
              <button
                type="button"
                className="secondary"
                disabled={busy !== null}
                onClick={() => setConfirming('merge')}
              >
                Merge this computer’s data into the office database
              </button>
            )}
          {check?.outcome === 'empty' && (
            <button
              type="button"
              className="secondary"
              disabled={busy !== null}
              onClick={() => run('create')}
            >
              {busy === 'create' ? 'Creating…' : 'Create the VerifyDesk database'}
            </button>
          )}
        </div>
        {confirming === 'move' && check && (
          <div className="span-all notice officedb-move" role="group" aria-label="Move this computer’s data">
            <p className="notice-title">Move this computer’s data to {where}?</p>
            <p>
              VerifyDesk copies everything on this computer (users, patients, payers and plans, calls, PA
              items, the ledger, to-dos, settings and the audit trail) to the office database in one step,
              then compares every table there with this computer’s and checks the audit trail. If anything
              differs, nothing is kept on the server. The code lookup stays on this computer.
            </p>
            <p>
              This computer keeps its own copy; from its next start it opens the office database instead.
              Other work on this computer waits while the data is copied.
            </p>
            <div className="form-actions">
              <button type="button" className="primary" disabled={busy !== null} onClick={move}>
                {busy === 'move' ? 'Moving…' : 'Move the data'}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy !== null}
                onClick={() => setConfirming(false)}
              >
                Cancel
              </button>
            </div>
          </div>
        )}
        {confirming === 'merge' && check && (
          <MergeIntoOffice
            settings={settings}
            where={where}
            onCancel={() => setConfirming(false)}
            onMerged={() => {
              setJustUsed(true);
              loadStatus();
            }}
          />
        )}
        {moved && <JoinedOffice outcome="moved" message={moved.message} officeKey={moved.officeKey} />}
        {check && !confirming && (
          <p
            className={`span-all check-result ${GOOD.includes(check.outcome) ? 'check-good' : 'check-bad'}`}
            role="status"
            data-outcome={check.outcome}
          >
            {check.message}
          </p>
        )}
        {check && !confirming && USABLE.includes(check.outcome) && (
          <UseOfficeDatabase
            settings={settings}
            onUsed={() => {
              setJustUsed(true);
              loadStatus();
            }}
          />
        )}
      </form>
    </div>
  );
}
