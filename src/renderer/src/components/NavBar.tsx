import { SCREENS } from '../screens/screenList';
import { useNavStore } from '../stores/navStore';
import { useSessionStore } from '../stores/sessionStore';
import { Kbd } from './Kbd';

export function NavBar() {
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  const user = useSessionStore((s) => s.status?.user);
  const lock = useSessionStore((s) => s.lock);
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">VerifyDesk</div>
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
