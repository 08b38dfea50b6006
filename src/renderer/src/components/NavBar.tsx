import { SCREENS } from '../screens/screenList';
import { useNavStore } from '../stores/navStore';
import { Kbd } from './Kbd';

export function NavBar() {
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
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
    </nav>
  );
}
