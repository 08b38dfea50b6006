// Tells the window which of its lists another desk changed (or may have: a resync after listening was
// interrupted), on the one fixed push channel (shared/ipc/officeChanges.ts). Topics only: the window
// reads the list again through its usual, checked channel.
import { OFFICE_TOPICS, topicsForTable, type OfficeChange } from '../../shared/ipc/officeChanges';
import type { ChangeFeed } from '../db/engine/changes';

export function pushOfficeChanges(feed: ChangeFeed, send: (change: OfficeChange) => void): () => void {
  return feed.subscribe((notice) => {
    const topics = notice.kind === 'resync' ? [...OFFICE_TOPICS] : topicsForTable(notice.table);
    if (topics.length > 0) send({ topics });
  });
}
