// Which IPC senders main will answer: only the main window's top frame, showing the app's own page.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isTrustedRendererUrl } from './appUrl';

/** What the dispatcher needs to know about a sender, taken from Electron's event (or built by the harness). */
export interface SenderInfo {
  /** URL of the frame that sent the message; null when Electron no longer has the frame. */
  frameUrl: string | null;
  /** True when the frame is the top frame of the main window. */
  isMainWindowTopFrame: boolean;
}

export function senderInfoFromEvent(event: IpcMainInvokeEvent, mainWindow: WebContents | null): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    isMainWindowTopFrame:
      frame !== null && mainWindow !== null && event.sender === mainWindow && frame === mainWindow.mainFrame,
  };
}

export function isTrustedSender(sender: SenderInfo, devServerUrl: string | undefined): boolean {
  return (
    sender.frameUrl !== null &&
    sender.isMainWindowTopFrame &&
    isTrustedRendererUrl(sender.frameUrl, devServerUrl)
  );
}
