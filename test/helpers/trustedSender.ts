import { APP_ENTRY_URL } from '../../src/main/security/appUrl';
import type { SenderInfo } from '../../src/main/security/trustedSender';

/** What Electron reports for the real app window: its top frame, showing app://bundle/. */
export const MAIN_WINDOW_SENDER: SenderInfo = { frameUrl: APP_ENTRY_URL, isAppWindowTopFrame: true };
