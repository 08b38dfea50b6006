// Makes a folder or a file read-only for this process, for real: as root (CI) permissions do not stop
// writes, so a read-only bind mount does; as another user, permission bits do. Returns the undo.
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';

export function makeReadOnly(target: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('mount', ['--bind', target, target]);
    execFileSync('mount', ['-o', 'remount,ro,bind', target]);
    return () => execFileSync('umount', [target]);
  }
  const mode = statSync(target).mode & 0o777;
  chmodSync(target, statSync(target).isDirectory() ? 0o555 : 0o444);
  return () => chmodSync(target, mode);
}
