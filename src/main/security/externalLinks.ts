// SEC-9: the one way VerifyDesk opens anything outside itself. Only https, only a site an administrator
// listed in Settings (exact origin: payer.com does not admit payer.com.evil.net), never with a user name
// or password in the address. Everything else is refused with a reason a person can act on.
import type { Shell } from 'electron';
import { AppError } from '../../shared/ipc/result';

/** Why `url` may not be opened, or null when it may. */
export function externalUrlProblem(url: string, allowedSites: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'That is not a web address.';
  }
  if (parsed.protocol !== 'https:') return 'VerifyDesk opens only https:// web sites.';
  if (parsed.username || parsed.password)
    return 'That address carries a user name or password; VerifyDesk does not open it.';
  // The list holds origins exactly as URL writes them (siteOrigin), so this is an exact match.
  if (!allowedSites.includes(parsed.origin))
    return `VerifyDesk opens only the web sites an administrator has listed. To allow this one, add ${parsed.origin} in Settings, Web sites VerifyDesk may open.`;
  return null;
}

export async function openExternalSafe(
  shell: Pick<Shell, 'openExternal'>,
  url: string,
  allowedSites: readonly string[],
): Promise<void> {
  const problem = externalUrlProblem(url, allowedSites);
  if (problem) throw new AppError('validation', problem);
  await shell.openExternal(url);
}
