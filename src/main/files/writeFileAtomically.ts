// Small files main must never leave half-written (the key file, the audit trail's head): written to a
// temporary name, flushed, then renamed over the old one, so a crash leaves the old file or the new one.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export function writeFileAtomically(target: string, content: string, mode = 0o600): void {
  const temp = `${target}.tmp`;
  try {
    const fd = openSync(temp, 'w', mode);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    // A full disk or a vanished folder: no temporary file is left behind.
    rmSync(temp, { force: true });
    throw error;
  }
}
