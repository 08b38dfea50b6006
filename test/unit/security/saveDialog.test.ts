import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dialogFilePort } from '../../../src/main/windows/saveDialog';
import { useTempDirs } from '../../helpers/tempDir';

describe('save dialog file port', () => {
  const tempDir = useTempDirs();

  it('writes exactly where the person chose', async () => {
    const target = path.join(tempDir(), 'chosen.json');
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
    const port = dialogFilePort(dialog as never, () => null);
    expect(await port.save('suggested.json', '{"a":1}')).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({ defaultPath: 'suggested.json' });
  });

  it.skipIf(process.platform === 'win32')(
    'writes a file only its owner can read, new or written over (exports can name patients)',
    async () => {
      const dir = tempDir();
      const fresh = path.join(dir, 'audit.csv');
      const existing = path.join(dir, 'estimate.pdf');
      writeFileSync(existing, 'old');
      chmodSync(existing, 0o644);
      for (const target of [fresh, existing]) {
        const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
        await dialogFilePort(dialog as never, () => null).save('x', new Uint8Array([1, 2, 3]));
        expect(statSync(target).mode & 0o777, target).toBe(0o600);
      }
    },
  );

  it('writes nothing when cancelled', async () => {
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) };
    expect(await dialogFilePort(dialog as never, () => null).save('x.json', 'data')).toBeNull();
  });

  it('asks for a folder (one that exists, or one made in the dialog) and returns it, or null when cancelled', async () => {
    const dialog = {
      showOpenDialog: vi
        .fn()
        .mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb/backups'] })
        .mockResolvedValueOnce({ canceled: true, filePaths: [] }),
    };
    const port = dialogFilePort(dialog as never, () => null);
    expect(await port.chooseFolder('Choose the backup folder')).toBe('/media/usb/backups');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      title: 'Choose the backup folder',
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(await port.chooseFolder('Choose the backup folder')).toBeNull();
  });

  it('asks for a backup file, filtered to backups', async () => {
    const dialog = {
      showOpenDialog: vi.fn().mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb/b.sqlite'] }),
    };
    const port = dialogFilePort(dialog as never, () => null);
    expect(await port.chooseFile('Choose a VerifyDesk backup', ['sqlite'])).toBe('/media/usb/b.sqlite');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      title: 'Choose a VerifyDesk backup',
      properties: ['openFile'],
      filters: [{ name: 'VerifyDesk backups', extensions: ['sqlite'] }],
    });
  });
});
