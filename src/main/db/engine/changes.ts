// Notices that the office's shared data changed, so the desks' lists can follow without polling. On
// PostgreSQL a trigger on each table a list reads sends one at commit (pgSchema.ts, migrations 16-17)
// and one dedicated connection per desk listens (pg/pgChangeFeed.ts). On SQLite there is nothing to
// hear: the file belongs to one computer and its one window, whose screens read their list again after
// their own changes; announcing those again in-process would take a second, hand-kept record of which
// tables each action writes, to tell the screen what it already knows.

export type ChangeNotice =
  /** A committed change to this table (a rolled-back one sends none). */
  | { kind: 'changed'; table: string }
  /** Listening was interrupted and is back: notices sent meanwhile are lost, so anything may have changed. */
  | { kind: 'resync' };

export interface ChangeFeed {
  /** Calls `listener` for each notice from now on; the returned function stops that. */
  subscribe(listener: (notice: ChangeNotice) => void): () => void;
  close(): Promise<void>;
}

/** SQLite's: never says anything (see above). */
export const silentChangeFeed: ChangeFeed = {
  subscribe: () => () => undefined,
  close: async () => undefined,
};
