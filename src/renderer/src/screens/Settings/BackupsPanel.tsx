// Backups for administrators: where they go (and an optional second folder each one is copied to and
// checked in), one now, the list, and a restore with a preview of what the backup holds. The restore
// happens when VerifyDesk restarts, after the current data is backed up.
import { useEffect, useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/ipc/contract';
import { ApiError, call } from '../../lib/api';
import { localDateTime } from '../../lib/localDateTime';

type Listing = Output<'backups:list'>;
type Preview = Output<'backups:preview'>;

const KIND: Record<Listing['backups'][number]['kind'], string> = {
  daily: 'Daily',
  manual: 'On request',
  'pre-restore': 'Before a restore',
  'pre-migration': 'Before an update',
};

export function BackupsPanel({
  folderSetting,
  copyFolderSetting,
}: {
  folderSetting: string;
  copyFolderSetting: string;
}) {
  const [listing, setListing] = useState<Listing | null>(null);
  const [folder, setFolder] = useState(folderSetting);
  const [copyFolder, setCopyFolder] = useState(copyFolderSetting);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = () =>
    void call('backups:list', {}).then(
      (l) => {
        setListing(l);
        setProblem(null);
      },
      (e: unknown) => e instanceof ApiError && setProblem(e.message),
    );
  useEffect(load, []);

  const saveFolder = (event: FormEvent) => {
    event.preventDefault();
    void call('settings:update', { backupFolder: folder, backupCopyFolder: copyFolder }).then(
      () => {
        setMessage('Folders saved.');
        load();
      },
      () => undefined,
    );
  };
  const choose = (purpose: 'backups' | 'copies', set: (folder: string) => void) =>
    void call('backups:chooseFolder', { purpose }).then(
      (r) => r.folder !== null && set(r.folder),
      () => undefined,
    );
  const copyResult = (copy: Listing['lastCopy']) =>
    copy === null ? '' : copy.ok ? ` Copied to ${copy.folder} and checked.` : ` ${copy.problem}`;
  const size = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

  return (
    <div className="panel">
      <h2>Backups</h2>
      <p className="muted">
        A backup is made every day and checked before it is kept (7 daily, 4 weekly, 12 monthly; backups made
        on request are kept the same way, apart). Backups are encrypted like the database: they open only
        here, or with the recovery code.
      </p>
      <form className="form" aria-label="Backup folder" onSubmit={saveFolder}>
        <div className="field" style={{ gridColumn: '1 / -1' }}>
          <label htmlFor="backup-folder">
            Backup folder (empty: beside the database; another drive is safer)
          </label>
          <div className="input-with-button">
            <input id="backup-folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
            <button type="button" className="secondary" onClick={() => choose('backups', setFolder)}>
              Choose…
            </button>
          </div>
        </div>
        <div className="field" style={{ gridColumn: '1 / -1' }}>
          <label htmlFor="backup-copy-folder">
            Also copy each backup to (optional: a USB drive or network folder; each copy is checked)
          </label>
          <div className="input-with-button">
            <input
              id="backup-copy-folder"
              value={copyFolder}
              onChange={(e) => setCopyFolder(e.target.value)}
            />
            <button type="button" className="secondary" onClick={() => choose('copies', setCopyFolder)}>
              Choose…
            </button>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="secondary">
            Save folders
          </button>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void call('backups:create', {}).then(
                (b) => {
                  setMessage(`Backup made and checked: ${localDateTime(b.takenAt)}.${copyResult(b.copy)}`);
                  load();
                },
                () => undefined,
              )
            }
          >
            Back up now
          </button>
        </div>
      </form>
      {problem && <p className="field-error">{problem}</p>}
      {listing?.restoreProblem && (
        <p className="field-error" role="alert">
          {listing.restoreProblem.problem} ({localDateTime(listing.restoreProblem.at)})
        </p>
      )}
      {listing?.lastCopy && !listing.lastCopy.ok && (
        <p className="field-error" role="alert">
          {listing.lastCopy.problem} ({localDateTime(listing.lastCopy.at)})
        </p>
      )}
      {message && (
        <p className="saved" role="status">
          {message}
        </p>
      )}
      {listing && listing.backups.length === 0 && (
        <p className="muted">
          No backups yet. The first one is made today on its own; “Back up now” makes one at once.
        </p>
      )}
      {listing && listing.backups.length > 0 && (
        <table className="estimate-table" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col" aria-label="Restore" />
            </tr>
          </thead>
          <tbody>
            {listing.backups.map((b) => (
              <tr key={b.name}>
                <td>{localDateTime(b.takenAt)}</td>
                <td>{KIND[b.kind]}</td>
                <td>{size(b.bytes)}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setConfirm(false);
                      void call('backups:preview', { name: b.name }).then(setPreview, () => undefined);
                    }}
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview && (
        <div className="notice" role="region" aria-label="Restore a backup">
          <p className="notice-title">Restore the backup from {localDateTime(preview.takenAt)}?</p>
          <p>
            It holds {count(preview.patients, 'patient')}, {count(preview.calls, 'call')} and{' '}
            {count(preview.estimates, 'estimate')}. Everything entered after it will be gone from the restored
            data (the current data is backed up first and kept). VerifyDesk restarts to do it.
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> I
            understand
          </label>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={!confirm}
              onClick={() =>
                void call('backups:restore', { name: preview.name }).then(
                  () => setMessage('Restarting to restore the backup…'),
                  () => undefined,
                )
              }
            >
              Restore and restart
            </button>
            <button type="button" className="secondary" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
