// DB-4: SQLite's locking and WAL need a local disk. A database on a network share or in a folder a cloud
// service syncs can be torn or forked; VerifyDesk keeps working but says so plainly in Settings.
// Mapped network drive letters cannot be told from a path alone; UNC paths and known sync folders can.

const CLOUD_FOLDERS: Array<[RegExp, string]> = [
  [/[\\/]OneDrive( - [^\\/]+)?[\\/]/i, 'OneDrive'],
  [/[\\/]Dropbox[\\/]/i, 'Dropbox'],
  [/[\\/](Google Drive|GoogleDrive|My Drive)[\\/]/i, 'Google Drive'],
  [/[\\/]Library[\\/]Mobile Documents[\\/]|[\\/]iCloud ?Drive[\\/]/i, 'iCloud'],
  [/[\\/]Box( Sync)?[\\/]/i, 'Box'],
];

/** A warning a person can act on, or null for a local path. */
export function dataPathWarning(dbPath: string): string | null {
  if (/^(\\\\|\/\/)[^\\/]+[\\/]/.test(dbPath)) {
    return 'The database is on a network share. SQLite needs a local disk: move it to this computer’s own drive (and back it up to the share instead).';
  }
  for (const [pattern, service] of CLOUD_FOLDERS) {
    if (pattern.test(dbPath)) {
      return `The database is in a ${service} folder. Syncing can copy it half-written or make two versions: move it out of ${service} (backups may go there).`;
    }
  }
  return null;
}
