// First start (and any sign-in while it is still missing): an administrator is asked for the office
// header before the app opens, because every printout carries it and none may carry a placeholder.
// "Later" lets the administrator in for this session; printing still waits for the header (main refuses).
// The gate decides once, when the app opens: Settings reloading later never takes the app away.
import { useEffect, useState, type ReactNode } from 'react';
import { isOfficeReady } from '../../../../shared/settings/officeChecks';
import { useSettingsStore } from '../../stores/settingsStore';
import { OfficeForm } from '../Settings/OfficeForm';
import { SessionCard } from './SessionCard';

/** Once per run of the app: "later" is not asked again until the next start. */
let postponed = false;

export function OfficeSetupGate({ children }: { children: ReactNode }) {
  const settings = useSettingsStore((s) => s.settings);
  const load = useSettingsStore((s) => s.load);
  const [phase, setPhase] = useState<'checking' | 'setup' | 'open'>(() =>
    postponed || (settings && isOfficeReady(settings.office)) ? 'open' : 'checking',
  );
  useEffect(() => {
    if (phase !== 'checking') return;
    let current = true;
    void load().then(() => {
      if (!current) return;
      const loaded = useSettingsStore.getState().settings;
      // Settings that cannot be read are not a reason to keep the app shut (the banner says why).
      setPhase(loaded && !isOfficeReady(loaded.office) ? 'setup' : 'open');
    });
    return () => {
      current = false;
    };
  }, [phase, load]);

  if (phase === 'open') return <>{children}</>;
  if (phase === 'checking' || !settings) return null;
  return (
    <SessionCard
      title="Set up your office"
      width="wide"
      intro="Every cost summary, Good Faith Estimate and verification record is printed under this header, so patients and payers know who it is from. It takes a minute; you can change it later in Settings."
    >
      <OfficeForm
        initial={settings.office}
        requireComplete
        submitLabel="Save and open VerifyDesk"
        onSaved={() => setPhase('open')}
      />
      <p className="muted small">
        <button
          type="button"
          className="link"
          onClick={() => {
            postponed = true;
            setPhase('open');
          }}
        >
          Do this later
        </button>{' '}
        (nothing can be printed until the header is complete).
      </p>
    </SessionCard>
  );
}
