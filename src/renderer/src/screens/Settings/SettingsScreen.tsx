import { useEffect } from 'react';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSessionStore } from '../../stores/sessionStore';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { KeyPanel } from './KeyPanel';
import { SitesPanel } from './SitesPanel';
import { SessionPanel } from './SessionPanel';
import { UsersPanel } from './UsersPanel';
import { useSettingsStore } from '../../stores/settingsStore';
import { DataTransferPanel } from './DataTransferPanel';
import { LicensedImportPanel } from './LicensedImportPanel';
import { OfficeForm } from './OfficeForm';
import { SampleDataPanel } from './SampleDataPanel';

export function SettingsScreen() {
  const status = useSettingsStore((s) => s.status);
  const settings = useSettingsStore((s) => s.settings);
  const info = useSettingsStore((s) => s.info);
  const load = useSettingsStore((s) => s.load);
  // What main allows decides; this only hides what an administrator alone may use.
  const isAdmin = useSessionStore((s) => s.status?.user?.role === 'admin');

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="screen">
      <ScreenHeading>Settings</ScreenHeading>
      {status === 'loading' && <p className="muted">Loading settings…</p>}
      {status === 'error' && <p className="muted">Settings could not be loaded. See the message above.</p>}
      {status !== 'error' && info && (
        <div className="panel">
          <h2>About this installation</h2>
          <dl className="facts">
            <dt>VerifyDesk version</dt>
            <dd data-testid="app-version">{info.version}</dd>
            <dt>Database location</dt>
            <dd data-testid="db-path" className="path">
              {info.dbPath}
            </dd>
            <dt>Database schema</dt>
            <dd>version {info.schemaVersion}</dd>
          </dl>
          {info.dataPathWarning && (
            <p className="field-error" role="alert">
              {info.dataPathWarning}
            </p>
          )}
        </div>
      )}
      {status !== 'error' && settings && (
        <div className="panel">
          <h2>Office header</h2>
          <p className="muted">Printed at the top of every cost summary, estimate and verification record.</p>
          <OfficeForm initial={settings.office} />
        </div>
      )}
      {status === 'ready' && settings && <SessionPanel lockAfterMinutes={settings.lockAfterMinutes} />}
      {status === 'ready' && isAdmin && <LicensedImportPanel />}
      {status === 'ready' && <DataTransferPanel isAdmin={isAdmin} />}
      {status === 'ready' && <SampleDataPanel />}
      {status === 'ready' && isAdmin && settings && (
        <BackupsPanel folderSetting={settings.backupFolder} copyFolderSetting={settings.backupCopyFolder} />
      )}
      {status === 'ready' && isAdmin && settings && <SitesPanel sites={settings.externalSites} />}
      {status === 'ready' && isAdmin && <KeyPanel />}
      {status === 'ready' && isAdmin && <UsersPanel />}
      {status === 'ready' && isAdmin && <AuditPanel />}
    </section>
  );
}
