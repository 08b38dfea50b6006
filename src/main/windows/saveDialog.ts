// The FilePort of the app: Electron's save dialog, then a write to exactly the path the person chose.
import type { BrowserWindow, Dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { FilePort } from '../services/ports';

export function dialogFilePort(
  dialog: Pick<Dialog, 'showSaveDialog'>,
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
      await writeFile(result.filePath, content, 'utf8');
      return result.filePath;
    },
  };
}
