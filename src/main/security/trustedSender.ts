// Which IPC senders main will answer: only the top frame of one of the app's own windows (the main
// window, or the hidden window that renders printouts), showing the app's own page.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isTrustedRendererUrl } from './appUrl';

/** What the dispatcher needs to know about a sender, taken from Electron's event (or built by the harness). */
export interface SenderInfo {
  /** URL of the frame that sent the message; null when Electron no longer has the frame. */
  frameUrl: string | null;
  /** True when the frame is the top frame of one of the app's windows. */
  isAppWindowTopFrame: boolean;
}

export function senderInfoFromEvent(
  event: IpcMainInvokeEvent,
  appWindows: readonly WebContents[],
): SenderInfo {
  const frame = event.senderFrame;
  const window = appWindows.find((contents) => contents === event.sender);
  return {
    frameUrl: frame ? frame.url : null,
    isAppWindowTopFrame: frame !== null && window !== undefined && frame === window.mainFrame,
  };
}

export function isTrustedSender(sender: SenderInfo, devServerUrl: string | undefined): boolean {
  return (
    sender.frameUrl !== null &&
    sender.isAppWindowTopFrame &&
    isTrustedRendererUrl(sender.frameUrl, devServerUrl)
  );
}
