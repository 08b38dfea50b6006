import type { AppInfo } from '../../../shared/ipc/contract';
import type { HandlerMap } from '../dispatch';

/** The system clipboard, as main sees it (Electron's clipboard module in the app). */
export interface ClipboardPort {
  writeText(text: string): void;
}

export function appHandlers(
  info: () => AppInfo,
  clipboard: ClipboardPort,
): Pick<HandlerMap, 'app:info' | 'app:copyText'> {
  return {
    'app:info': () => info(),
    // Copying goes through main: the renderer is denied the clipboard permission like every other.
    'app:copyText': ({ text }) => {
      clipboard.writeText(text);
      return { copied: true };
    },
  };
}
