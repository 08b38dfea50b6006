import { useEffect } from 'react';
import { Kbd } from './components/Kbd';
import { CommandPalette } from './components/CommandPalette';
import { ErrorBanner } from './components/ErrorBanner';
import { NavBar } from './components/NavBar';
import { useCallShortcuts } from './hooks/useCallShortcuts';
import { useGlobalShortcuts } from './hooks/useGlobalShortcuts';
import { CallScreen } from './screens/Call/CallScreen';
import { EstimateScreen } from './screens/Estimate/EstimateScreen';
import { LookupScreen } from './screens/Lookup/LookupScreen';
import { PatientsScreen } from './screens/Patients/PatientsScreen';
import { PayersScreen } from './screens/Payers/PayersScreen';
import { RecordsScreen } from './screens/Records/RecordsScreen';
import { SettingsScreen } from './screens/Settings/SettingsScreen';
import { TodoScreen } from './screens/Todo/TodoScreen';
import { SCREENS, type ScreenId } from './screens/screenList';
import { EligibilityImport } from './screens/Eligibility/EligibilityImport';
import { EmergencyAccessGate } from './screens/Session/EmergencyAccessGate';
import { OfficeSetupGate } from './screens/Session/OfficeSetupGate';
import { RecoveryCodeGate } from './screens/Session/RecoveryCodeGate';
import { SessionScreen } from './screens/Session/SessionScreen';
import { useNavStore } from './stores/navStore';
import { useSessionStore } from './stores/sessionStore';

function ScreenView({ screen }: { screen: ScreenId }) {
  switch (screen) {
    case 'lookup':
      return <LookupScreen />;
    case 'payers':
      return <PayersScreen />;
    case 'patients':
      return <PatientsScreen />;
    case 'call':
      return <CallScreen />;
    case 'estimate':
      return <EstimateScreen />;
    case 'records':
      return <RecordsScreen />;
    case 'todo':
      return <TodoScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** How often the window asks main whether the session is still open (the idle lock is decided in main). */
const SESSION_POLL_MS = 15_000;

export function App() {
  const status = useSessionStore((s) => s.status);
  const refresh = useSessionStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), SESSION_POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!status) return null;
  if (status.state !== 'open') return <SessionScreen status={status} />;
  if (status.user?.role === 'admin')
    return (
      <RecoveryCodeGate>
        <EmergencyAccessGate>
          <OfficeSetupGate>
            <Workspace />
          </OfficeSetupGate>
        </EmergencyAccessGate>
      </RecoveryCodeGate>
    );
  return <Workspace />;
}

function Workspace() {
  useGlobalShortcuts();
  useCallShortcuts();
  const screen = useNavStore((s) => s.screen);
  return (
    <div className="shell">
      <NavBar />
      <div className="content">
        <ErrorBanner />
        <main key={screen}>
          <ScreenView screen={screen} />
        </main>
        <footer className="shortcut-bar" aria-label="Keyboard shortcuts">
          <span>
            <Kbd>Alt+1</Kbd>…<Kbd>{`Alt+${Math.max(...SCREENS.map((s) => Number(s.shortcut)))}`}</Kbd> switch
            screens
          </span>
          <span>
            <Kbd>Ctrl+K</Kbd> search codes
          </span>
          <span>
            <Kbd>Tab</Kbd> next field
          </span>
          <span>
            <Kbd>Enter</Kbd> save
          </span>
          <span>
            <Kbd>Esc</Kbd> dismiss a message
          </span>
        </footer>
      </div>
      <CommandPalette />
      <EligibilityImport />
    </div>
  );
}
