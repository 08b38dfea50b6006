// One desk's ear on the office database: a connection of its own (outside the pool, where a LISTEN would
// be lost when the connection is handed to a query) that listens on the one channel the tables' triggers
// notify (pgSchema.ts). Opened with the first subscriber; when it drops (the server restarted, the
// network went) it connects again, waiting longer after each failure, and then says "resync": what was
// sent while nobody listened is lost. Closed with the data layer.
import pg from 'pg';
import type { ChangeFeed, ChangeNotice } from '../engine/changes';
import { pgPoolConfig, type PgConnection } from './pgAppDb';

/** The channel the triggers notify (verifydesk_notify_change); its payload is a table name, no data. */
export const CHANGE_CHANNEL = 'verifydesk_changes';

export interface ReconnectDelays {
  /** After the first failure, in ms; doubled after each further one. */
  firstMs: number;
  maxMs: number;
}

const DEFAULT_DELAYS: ReconnectDelays = { firstMs: 500, maxMs: 30_000 };

function reportListenProblem(error: unknown): void {
  // Error type only: a message may quote the server's address, and the log is not the place for it.
  console.error(
    `VerifyDesk: listening for the office's changes stopped (${error instanceof Error ? error.name : typeof error}); trying again`,
  );
}

export function pgChangeFeed(
  connection: PgConnection,
  applicationName: string,
  delays: ReconnectDelays = DEFAULT_DELAYS,
): ChangeFeed {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  let started = false;
  let closed = false;
  let client: pg.Client | null = null;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const emit = (notice: ChangeNotice) => {
    for (const listener of [...listeners]) {
      try {
        listener(notice);
      } catch (error) {
        reportListenProblem(error);
      }
    }
  };

  const scheduleConnect = () => {
    if (closed || retry) return;
    const wait = Math.min(delays.maxMs, delays.firstMs * 2 ** Math.min(failures, 20));
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, wait);
    retry.unref?.();
  };

  /** The connection is gone (or never came): let it go, and try again later. */
  const lose = (lost: pg.Client, error: unknown) => {
    if (client === lost) client = null;
    lost.removeAllListeners();
    // A late 'error' from the dead socket must find a listener, or the process would crash on it.
    lost.on('error', () => undefined);
    void lost.end().catch(() => undefined);
    if (closed) return;
    reportListenProblem(error);
    scheduleConnect();
  };

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client(pgPoolConfig(connection, applicationName) as pg.ClientConfig);
    let gone = false;
    const onGone = (error: unknown) => {
      if (gone) return;
      gone = true;
      lose(next, error);
    };
    next.on('error', onGone);
    next.on('end', () => onGone(new Error('connection ended')));
    next.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload)
        emit({ kind: 'changed', table: message.payload });
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      onGone(error);
      return;
    }
    if (gone) return;
    if (closed) {
      void next.end().catch(() => undefined);
      return;
    }
    client = next;
    const afterTrouble = failures > 0;
    failures = 0;
    if (afterTrouble) emit({ kind: 'resync' });
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!started && !closed) {
        started = true;
        void connect();
      }
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      if (retry) clearTimeout(retry);
      retry = null;
      const open = client;
      client = null;
      if (open) {
        open.removeAllListeners();
        open.on('error', () => undefined);
        await open.end().catch(() => undefined);
      }
    },
  };
}
