// The web sites VerifyDesk may open in the browser (payer portals), as an administrator lists them: an
// https origin each, nothing after the host, no user name or password. Shared so Settings validates what
// main enforces (src/main/security/externalLinks.ts).

/** The origin ("https://portal.example.com") when `text` is one the list may hold; null otherwise. */
export function siteOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  if (url.pathname !== '/' || url.search || url.hash) return null;
  return url.origin;
}
