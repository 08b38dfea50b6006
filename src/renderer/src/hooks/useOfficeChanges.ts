// Reads a list again when another desk changed it (main's push, by topic). A burst of changes (a call
// completed writes several tables, each notifying) becomes one reload, 300 ms after the last of them.
import { useEffect, useRef } from 'react';
import type { OfficeTopic } from '../../../shared/ipc/officeChanges';
import { onOfficeChange } from '../lib/api';

export const OFFICE_CHANGE_SETTLE_MS = 300;

export function useOfficeChanges(topic: OfficeTopic, reload: () => void): void {
  // The newest reload, so a screen may pass a fresh closure each render without resubscribing.
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stop = onOfficeChange((change) => {
      if (!change.topics.includes(topic)) return;
      clearTimeout(pending);
      pending = setTimeout(() => latest.current(), OFFICE_CHANGE_SETTLE_MS);
    });
    return () => {
      clearTimeout(pending);
      stop();
    };
  }, [topic]);
}
