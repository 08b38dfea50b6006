// Settings, one section at a time: the list on the left says what there is (and which sections only
// an administrator sees), so nobody scrolls a 10,000-pixel page to find the backups.
import { useEffect, useState, type ReactNode } from 'react';
import { isOfficeReady, officeProblems, OFFICE_LABELS } from '../../../../shared/settings/officeChecks';
import { ScreenHeading } from '../../components/ScreenHeading';
import { call } from '../../lib/api';
import { localDateTime } from '../../lib/localDateTime';
import { useNavStore, type SettingsSection } from '../../stores/navStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useSettingsStore } from '../../stores/settingsStore';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { DataTransferPanel } from './DataTransferPanel';
import { KeyPanel } from './KeyPanel';
import { LicensedImportPanel } from './LicensedImportPanel';
import { OfficeDatabasePanel } from './OfficeDatabasePanel';
import { OfficeForm } from './OfficeForm';
import { SampleDataPanel } from './SampleDataPanel';
import { SessionPanel } from './SessionPanel';
import { SitesPanel } from './SitesPanel';
import { UsersPanel } from './UsersPanel';

const SECTIONS: Array<{ id: SettingsSection; label: string; adminOnly: boolean }> = [
  { id: 'office', label: 'Office header', adminOnly: false },
  { id: 'session', label: 'Signed in and lock', adminOnly: false },
  { id: 'backups', label: 'Backups', adminOnly: true },
  { id: 'users', label: 'Users', adminOnly: true },
  { id: 'audit', label: 'Audit trail', adminOnly: true },
  { id: 'sites', label: 'Web sites VerifyDesk may open', adminOnly: true },
  { id: 'key', label: 'Database key', adminOnly: true },
  { id: 'officeDatabase', label: 'Office database', adminOnly: true },
  { id: 'transfer', label: 'Move knowledge between computers', adminOnly: false },
  { id: 'codes', label: 'Licensed CDT code file', adminOnly: true },
  { id: 'sample', label: 'Sample data', adminOnly: false },
  { id: 'about', label: 'About this installation', adminOnly: false },
];

export function SettingsScreen() {
  const status = useSettingsStore((s) => s.status);
  const settings = useSettingsStore((s) => s.settings);
  const info = useSettingsStore((s) => s.info);
  const load = useSettingsStore((s) => s.load);
  // What main allows decides; this only hides what an administrator alone may use.
  const isAdmin = useSessionStore((s) => s.status?.user?.role === 'admin');
  const chosen = useNavStore((s) => s.settingsSection);
  const choose = useNavStore((s) => s.setSettingsSection);
  const sections = SECTIONS.filter((s) => isAdmin || !s.adminOnly);
  const section = sections.some((s) => s.id === chosen) ? chosen : sections[0]!.id;

  useEffect(() => {
    void load();
  }, [load]);

  // A restore that did not run at the last start is told on arrival, whatever section is open: after
  // the restart the administrator comes to Settings, not necessarily to Backups.
  const [restoreProblem, setRestoreProblem] = useState<{ at: string; problem: string } | null>(null);
  useEffect(() => {
    if (!isAdmin) return;
    call('backups:list', {}).then(
      (listing) => setRestoreProblem(listing.restoreProblem),
      () => undefined,
    );
  }, [isAdmin]);

  let content: ReactNode = null;
  if (status === 'loading' && !settings) content = <p className="muted">Loading settings…</p>;
  else if (status === 'error')
    content = <p className="muted">Settings could not be loaded. See the message above.</p>;
  else if (settings && info) {
    switch (section) {
      case 'about':
        content = (
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
        );
        break;
      case 'office': {
        const missing = Object.keys(officeProblems(settings.office)) as Array<keyof typeof OFFICE_LABELS>;
        content = (
          <div className="panel">
            <h2>Office header</h2>
            <p className="muted">
              Printed at the top of every cost summary, estimate and verification record.
            </p>
            {!isOfficeReady(settings.office) && (
              <p className="notice" role="status">
                Nothing can be printed until the header is complete. Still needed:{' '}
                {missing.map((k) => OFFICE_LABELS[k]).join(', ')}.
              </p>
            )}
            {isAdmin ? (
              <OfficeForm initial={settings.office} />
            ) : (
              <p className="muted">An administrator changes the office header.</p>
            )}
          </div>
        );
        break;
      }
      case 'session':
        content = <SessionPanel lockAfterMinutes={settings.lockAfterMinutes} />;
        break;
      case 'codes':
        content = <LicensedImportPanel />;
        break;
      case 'transfer':
        content = <DataTransferPanel isAdmin={isAdmin} />;
        break;
      case 'sample':
        content = <SampleDataPanel />;
        break;
      case 'backups':
        content = (
          <BackupsPanel folderSetting={settings.backupFolder} copyFolderSetting={settings.backupCopyFolder} />
        );
        break;
      case 'sites':
        content = <SitesPanel sites={settings.externalSites} />;
        break;
      case 'key':
        content = <KeyPanel />;
        break;
      case 'officeDatabase':
        content = <OfficeDatabasePanel />;
        break;
      case 'users':
        content = <UsersPanel />;
        break;
      case 'audit':
        content = <AuditPanel />;
        break;
    }
  }

  return (
    <section className="screen screen-wide">
      <ScreenHeading>Settings</ScreenHeading>
      {restoreProblem && section !== 'backups' && (
        <div className="alarm settings-alarm" role="alert">
          <p>
            {restoreProblem.problem} ({localDateTime(restoreProblem.at)})
          </p>
          <button type="button" className="secondary" onClick={() => choose('backups')}>
            Open Backups
          </button>
        </div>
      )}
      <div className="two-pane settings-layout">
        <nav className="pane-list section-list" aria-label="Settings sections">
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={`tree-item${s.id === section ? ' selected' : ''}`}
                  aria-current={s.id === section ? 'page' : undefined}
                  // The screen starts at the open section's entry: arrows and Tab move through the list.
                  autoFocus={s.id === section}
                  onClick={() => choose(s.id)}
                >
                  {s.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-section" key={section}>
          {content}
        </div>
      </div>
    </section>
  );
}
