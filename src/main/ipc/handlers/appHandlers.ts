import type { AppInfo } from '../../../shared/ipc/contract';
import type { ClipboardPort } from '../../services/ports';
import type { HandlerMap } from '../dispatch';

export function appHandlers(
  info: () => Promise<AppInfo>,
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
