// Keys for a running call that work on every screen: Alt+H puts the call on hold or, when the rep is
// back, ends the hold and returns to the call's question (the caller may have gone to look something up).
import { useLayoutEffect } from 'react';
import { useCallStore } from '../stores/callStore';
import { useNavStore } from '../stores/navStore';

export function useCallShortcuts(): void {
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyH') return;
      const view = useCallStore.getState().view;
      if (view?.status !== 'in_progress') return;
      event.preventDefault();
      const repIsBack = view.onHold;
      void useCallStore
        .getState()
        .toggleHold()
        .then(() => {
          if (repIsBack) useNavStore.getState().go('call');
        });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
