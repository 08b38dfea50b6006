import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedRendererUrl } from '../../../src/main/security/appUrl';

describe('isAppUrl', () => {
  it.each(['app://bundle/index.html', 'app://bundle/#/estimates', 'app://bundle/assets/x.js'])(
    'allows %s',
    (url) => {
      expect(isAppUrl(url)).toBe(true);
    },
  );

  it.each([
    'evil://x/',
    'evil://bundle/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://bundle.evil/',
    'app://evil/',
    'app://user:pw@bundle/',
    'https://bundle',
    'data:text/html,hi',
    'about:blank',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('trusts the dev server only when one is configured (development)', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
