// The FilePort of the app: Electron's save dialog, then a write to exactly the path the person chose;
// and its folder picker.
import type { BrowserWindow, Dialog } from 'electron';
import { chmod, writeFile } from 'node:fs/promises';
import type { FilePort } from '../services/ports';

export function dialogFilePort(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  window: () => BrowserWindow | null,
): FilePort {
  return {
    async save(suggestedName, content) {
      const owner = window();
      const options = { defaultPath: suggestedName };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      // Exports can name patients: readable by this user only (the mode applies to a new file; chmod
      // covers a file written over). Windows keeps its own access lists.
      await writeFile(result.filePath, content, { encoding: 'utf8', mode: 0o600 });
      if (process.platform !== 'win32') await chmod(result.filePath, 0o600);
      return result.filePath;
    },
    async chooseFile(title, extensions) {
      const owner = window();
      const options = {
        title,
        properties: ['openFile' as const],
        filters: [{ name: 'VerifyDesk backups', extensions: [...extensions] }],
      };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
    },
    async chooseFolder(title) {
      const owner = window();
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
    },
  };
}
