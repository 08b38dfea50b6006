import { SCREENS } from '../screens/screenList';
import { useNow } from '../hooks/useNow';
import { clockText, secondsSince } from '../lib/elapsed';
import { useCallStore } from '../stores/callStore';
import { useNavStore } from '../stores/navStore';
import { useSessionStore } from '../stores/sessionStore';
import { Kbd } from './Kbd';

/** A call is running: on every screen, who it is for, its time or its hold, and the key back to it. */
function CallInProgress() {
  const view = useCallStore((s) => s.view);
  const go = useNavStore((s) => s.go);
  const live = view?.status === 'in_progress';
  const now = useNow(live);
  if (!view || !live) return null;
  const hold = view.holds.find((h) => h.endedAt === null);
  const callKey = SCREENS.find((s) => s.id === 'call')!.shortcut;
  return (
    <button
      type="button"
      className={`nav-call${hold ? ' on-hold' : ''}`}
      aria-label={hold ? 'Call on hold: back to the call' : 'Call in progress: back to the call'}
      onClick={() => go('call')}
    >
      <span className="nav-call-state">
        {hold ? `On hold ${clockText(secondsSince(hold.startedAt, now))}` : 'Call in progress'}
      </span>
      <span className="nav-call-who">
        {view.patient.name} · {clockText(secondsSince(view.startedAt, now))}
      </span>
      <span className="nav-call-keys">
        <Kbd>{`Alt+${callKey}`}</Kbd> back to it{hold ? ' · ' : ''}
        {hold && <Kbd>Alt+H</Kbd>}
        {hold && ' rep is back'}
      </span>
    </button>
  );
}

export function NavBar() {
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  const user = useSessionStore((s) => s.status?.user);
  const lock = useSessionStore((s) => s.lock);
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">VerifyDesk</div>
      <CallInProgress />
      <ul>
        {SCREENS.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className={entry.id === screen ? 'nav-item active' : 'nav-item'}
              aria-current={entry.id === screen ? 'page' : undefined}
              onClick={() => go(entry.id)}
            >
              <span>{entry.label}</span>
              <Kbd>{`Alt+${entry.shortcut}`}</Kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-user">
        <span>{user?.displayName}</span>
        <button type="button" className="nav-item" onClick={() => void lock()}>
          <span>Lock</span>
          <Kbd>Ctrl+L</Kbd>
        </button>
      </div>
    </nav>
  );
}
