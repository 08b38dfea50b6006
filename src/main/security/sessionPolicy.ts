// Session-wide policy: deny every permission and cancel every request that is not the app's own content.
import type { Session } from 'electron';
import { isTrustedRendererUrl } from './appUrl';

/** True when a request may proceed. DevTools' own pages are allowed only in development. */
export function isAllowedRequest(url: string, devServerUrl: string | undefined): boolean {
  if (isTrustedRendererUrl(url, devServerUrl)) return true;
  return devServerUrl !== undefined && url.startsWith('devtools://');
}

type PolicySession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

export function applySessionPolicy(session: PolicySession, devServerUrl: string | undefined): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devServerUrl) });
  });
}
