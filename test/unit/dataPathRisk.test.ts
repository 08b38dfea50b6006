// DB-4: where the database file lives: network shares and cloud-synced folders are flagged.
import { describe, expect, it } from 'vitest';
import { dataPathWarning } from '../../src/main/db/dataPathRisk';

describe('data path warning', () => {
  it.each([
    ['\\\\srv\\share\\VerifyDesk\\verifydesk.sqlite', /network share/],
    ['//nas/office/verifydesk.sqlite', /network share/],
    ['C:\\Users\\desk\\OneDrive\\VerifyDesk\\verifydesk.sqlite', /OneDrive/],
    ['C:\\Users\\desk\\OneDrive - Smile Dental\\verifydesk.sqlite', /OneDrive/],
    ['/Users/desk/Library/Mobile Documents/com~apple~CloudDocs/verifydesk.sqlite', /iCloud/],
    ['/home/desk/Dropbox/verifydesk.sqlite', /Dropbox/],
    ['G:\\My Drive\\verifydesk.sqlite', /Google Drive/],
  ])('warns for %s', (p, message) => {
    expect(dataPathWarning(p)).toMatch(message);
  });

  it.each([
    'C:\\Users\\desk\\AppData\\Roaming\\VerifyDesk\\verifydesk.sqlite',
    '/home/desk/.config/VerifyDesk/verifydesk.sqlite',
    '/Users/desk/Library/Application Support/VerifyDesk/verifydesk.sqlite',
    'D:\\Dropboxes-old\\verifydesk.sqlite',
  ])('a local path is fine: %s', (p) => {
    expect(dataPathWarning(p)).toBeNull();
  });
});
