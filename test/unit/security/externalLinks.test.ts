// SEC-9: openExternalSafe hands the browser only https addresses on a site an administrator listed,
// matched by exact origin, with no user name or password; everything else is refused before the shell.
import { describe, expect, it, vi } from 'vitest';
import { externalUrlProblem, openExternalSafe } from '../../../src/main/security/externalLinks';
import { siteOrigin } from '../../../src/shared/settings/externalSites';

const SITES = ['https://payer.com', 'https://portal.fictional-dental.example'];

describe('openExternalSafe', () => {
  it.each([
    'file:///etc/passwd',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://payer.com/',
    'https://payer.com.evil.net/',
    'https://evil.net/?https://payer.com',
    'https://u:p@payer.com/',
    'https://u@payer.com/',
    'https://payer.com:8443/',
    'https://sub.payer.com/',
    'not a url',
  ])('refuses %s and never calls the shell', async (url) => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(externalUrlProblem(url, SITES)).not.toBeNull();
    await expect(openExternalSafe(shell, url, SITES)).rejects.toMatchObject({ code: 'validation' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it.each(['https://payer.com/', 'https://payer.com/providers/login?next=%2F', 'https://PAYER.com/x#y'])(
    'opens %s on a listed site',
    async (url) => {
      const shell = { openExternal: vi.fn(async () => undefined) };
      await openExternalSafe(shell, url, SITES);
      expect(shell.openExternal).toHaveBeenCalledWith(url);
    },
  );

  it('refuses everything when no site is listed, and says how to allow it', () => {
    expect(externalUrlProblem('https://payer.com/login', [])).toBe(
      'VerifyDesk opens only the web sites an administrator has listed. To allow this one, add https://payer.com in Settings, Web sites VerifyDesk may open.',
    );
  });

  it('lists hold origins only: https, a host, nothing after it', () => {
    expect(siteOrigin('https://portal.example.com')).toBe('https://portal.example.com');
    expect(siteOrigin(' https://Portal.Example.com/ ')).toBe('https://portal.example.com');
    for (const bad of [
      'http://portal.example.com',
      'https://portal.example.com/login',
      'https://a:b@x.com',
      'x.com',
    ])
      expect(siteOrigin(bad), bad).toBeNull();
  });
});
