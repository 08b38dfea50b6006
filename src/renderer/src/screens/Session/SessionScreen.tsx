// What shows instead of the app until someone is signed in and unlocked: the recovery code on a new
// computer, the damaged-database screen, first-run setup of the administrator, sign-in, or the lock screen. Nothing about patients
// is mounted behind it.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SessionStatus } from '../../../../shared/auth/authViews';
import { FORM_ERROR } from '../../lib/fieldErrors';
import { Kbd } from '../../components/Kbd';
import { useNow } from '../../hooks/useNow';
import { clockText, secondsSince } from '../../lib/elapsed';
import { useSessionStore } from '../../stores/sessionStore';
import { DamagedDatabase } from './DamagedDatabase';
import { SessionCard } from './SessionCard';

function Field(props: {
  id: string;
  label: string;
  type?: 'text' | 'password';
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  autoComplete?: string;
  monospace?: boolean;
}) {
  const field = props.id.replace(/^session-/, '');
  const error = useSessionStore((s) => s.errors[field]);
  const clearErrors = useSessionStore((s) => s.clearErrors);
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autoFocus={props.autoFocus}
        autoComplete={props.autoComplete ?? 'off'}
        className={props.monospace ? 'monospace' : undefined}
        spellCheck={props.monospace ? false : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
        onChange={(e) => {
          clearErrors(field);
          props.onChange(e.target.value);
        }}
      />
      {error && (
        <p className="field-error" id={`${props.id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function GeneralProblem() {
  const message = useSessionStore((s) => s.errors[FORM_ERROR]);
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

function RecoveryForm() {
  const recover = useSessionStore((s) => s.recover);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    void recover(code).finally(() => setBusy(false));
  };
  return (
    <SessionCard
      width="wide"
      title="Open the data on this computer"
      intro="This practice’s data was made on another computer (or this computer lost its copy of the key). Type the recovery code that was printed when VerifyDesk was set up."
    >
      <form className="form session-form" onSubmit={onSubmit} aria-label="Recovery code">
        <Field
          id="session-code"
          label="Recovery code (dashes, spaces and capitals do not matter)"
          value={code}
          onChange={setCode}
          autoFocus
          monospace
        />
        <GeneralProblem />
        <p className="muted">
          Opening the data this way is written to the audit trail, and the next administrator to sign in is
          told.
        </p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Opening…' : 'Open the data'}
          </button>
        </div>
      </form>
    </SessionCard>
  );
}

function SetupForm() {
  const setup = useSessionStore((s) => s.setup);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== again);
    if (password === again) void setup({ username, displayName, password });
  };
  return (
    <SessionCard
      title="Set up VerifyDesk"
      intro="Create the administrator account first. Everyone at the desk then gets their own account: records show who did what."
    >
      <form className="form session-form" onSubmit={onSubmit} aria-label="Create the administrator">
        <Field
          id="session-displayName"
          label="Your name"
          value={displayName}
          onChange={setDisplayName}
          autoFocus
        />
        <Field id="session-username" label="User name (to sign in)" value={username} onChange={setUsername} />
        <Field
          id="session-password"
          label="Password (at least 12 characters)"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
        />
        <Field
          id="session-again"
          label="Password again"
          type="password"
          value={again}
          onChange={setAgain}
          autoComplete="new-password"
        />
        {mismatch && <p className="field-error">The two passwords are not the same.</p>}
        <GeneralProblem />
        <div className="form-actions">
          <button type="submit" className="primary">
            Create the administrator
          </button>
        </div>
      </form>
    </SessionCard>
  );
}

function SignInForm({ title, intro }: { title: string; intro: string }) {
  const signIn = useSessionStore((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void signIn({ username, password });
  };
  return (
    <SessionCard title={title} intro={intro}>
      <form className="form session-form" onSubmit={onSubmit} aria-label="Sign in">
        <Field id="session-username" label="User name" value={username} onChange={setUsername} autoFocus />
        <Field
          id="session-password"
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <GeneralProblem />
        <div className="form-actions">
          <button type="submit" className="primary">
            Sign in
          </button>
        </div>
      </form>
    </SessionCard>
  );
}

/**
 * The lock came while a call was on hold: the hold keeps counting (main keeps its timers), and unlocking
 * goes back to the question the call was on. Nothing about the patient is shown here.
 */
function CallOnHoldNotice({ holdSince }: { holdSince: string }) {
  const now = useNow(true);
  return (
    <div className="hold-banner lock-hold" role="status" aria-label="A call is on hold">
      <p>
        A call is on hold: <strong>{clockText(secondsSince(holdSince, now))}</strong>
      </p>
      <p className="small">
        Type your password, then <Kbd>Alt+H</Kbd> when the rep is back (the hold ends as it unlocks), or{' '}
        <Kbd>Enter</Kbd> to unlock and keep holding. Either way the call opens at its question.
      </p>
    </div>
  );
}

function UnlockForm({ status }: { status: SessionStatus }) {
  const unlock = useSessionStore((s) => s.unlock);
  const clearErrors = useSessionStore((s) => s.clearErrors);
  const [password, setPassword] = useState('');
  const [someoneElse, setSomeoneElse] = useState(false);
  if (someoneElse)
    return (
      <SignInForm title="Sign in" intro="Signing in ends the locked session; its answers are all saved." />
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void unlock(password);
  };
  const held = status.callOnHold;
  const onKeyDown = (event: KeyboardEvent) => {
    if (held && event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyH') {
      event.preventDefault();
      void unlock(password, true);
    }
  };
  return (
    <SessionCard
      title="VerifyDesk is locked"
      intro={`${status.user?.displayName ?? 'Someone'} is signed in. Every answer given so far is saved; an open call goes on where it was.`}
    >
      {held && <CallOnHoldNotice holdSince={held.holdSince} />}
      <form className="form session-form" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label="Unlock">
        <Field
          id="session-password"
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoFocus
          autoComplete="current-password"
        />
        <GeneralProblem />
        <div className={held ? 'form-actions unlock-held' : 'form-actions'}>
          <button type="submit" className="primary">
            Unlock
          </button>
          {held && (
            <button type="button" className="secondary" onClick={() => void unlock(password, true)}>
              <Kbd>Alt+H</Kbd> Unlock: the rep is back
            </button>
          )}
          <button
            type="button"
            className="link"
            onClick={() => {
              // The wrong password typed here is not this form's business.
              clearErrors();
              setSomeoneElse(true);
            }}
          >
            Sign in as someone else
          </button>
        </div>
      </form>
    </SessionCard>
  );
}

export function SessionScreen({ status }: { status: SessionStatus }) {
  switch (status.state) {
    case 'recovery':
      return <RecoveryForm />;
    case 'damaged':
      return <DamagedDatabase />;
    case 'setup':
      return <SetupForm />;
    case 'locked':
      return <UnlockForm status={status} />;
    default:
      return <SignInForm title="Sign in" intro="Use your own account: records show who did what." />;
  }
}
