// Shortcuts that work on every screen: Alt+1..8 switch screens, Ctrl+K opens the code search, Ctrl+L
// locks, Esc dismisses the error banner.
import { useLayoutEffect } from 'react';
import { SCREENS } from '../screens/screenList';
import { useCatalogStore } from '../stores/catalogStore';
import { useErrorStore } from '../stores/errorStore';
import { useNavStore } from '../stores/navStore';
import { useSessionStore } from '../stores/sessionStore';

export function useGlobalShortcuts(): void {
  // Layout effect: attached in the same task as the first render, so a key pressed once the screen
  // shows is never lost.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Ctrl+L: lock now, before turning away from the screen.
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.code === 'KeyL') {
        event.preventDefault();
        void useSessionStore.getState().lock();
        return;
      }
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.code === 'KeyK') {
        event.preventDefault();
        useCatalogStore.getState().openPalette();
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        // event.code, not event.key: on a Mac, Alt+digit types a symbol.
        const target = SCREENS.find((s) => event.code === `Digit${s.shortcut}`);
        if (target) {
          event.preventDefault();
          useNavStore.getState().go(target.id);
        }
        return;
      }
      if (event.key === 'Escape' && useErrorStore.getState().error) useErrorStore.getState().dismiss();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
