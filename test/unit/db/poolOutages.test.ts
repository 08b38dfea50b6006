// The one mapping of a lost office database server (pgAppDb's pool): what the query layer gets from the
// driver when the server cannot be reached, and what becomes of the connection. The real outage (a
// server stopped mid-call) is test/db/pg/serverGone.test.ts; here, the cases a real server cannot be
// made to produce on cue: a connection lost under COMMIT, and one lost between two queries.
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { poolThatReportsOutages } from '../../../src/main/db/pg/pgAppDb';
import { AppError } from '../../../src/shared/ipc/result';

const connection = { host: '10.0.0.4', port: 5432, database: 'verifydesk', user: 'desk', ssl: null };

function failure(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

/** A pool whose one connection answers each SQL text with `answer`. */
function fakePool(answer: (sql: string) => Promise<unknown>) {
  const client = Object.assign(new EventEmitter(), {
    query: vi.fn((sql: string) => answer(sql)),
    release: vi.fn(),
  });
  const pool = { connect: vi.fn(async () => client), end: vi.fn(async () => undefined) };
  return {
    client,
    pool: poolThatReportsOutages(pool as unknown as Pick<pg.Pool, 'connect' | 'end'>, connection),
  };
}

describe('the office database pool when the server is lost', () => {
  it('a server that refuses the connection: unavailable, not saved, with the driver error kept', async () => {
    const refused = failure('connect ECONNREFUSED 10.0.0.4:5432', 'ECONNREFUSED');
    const pool = poolThatReportsOutages(
      { connect: () => Promise.reject(refused), end: async () => undefined } as unknown as Pick<
        pg.Pool,
        'connect' | 'end'
      >,
      connection,
    );
    const error = await pool.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(
        /^VerifyDesk cannot reach the office database verifydesk on 10\.0\.0\.4:5432, so what you just entered was not saved\./,
      ),
      cause: refused,
    });
  });

  it.each([
    ['administrator shutdown', failure('terminating connection due to administrator command', '57P01')],
    ['socket closed', failure('Connection terminated unexpectedly')],
    ['reset', failure('read ECONNRESET', 'ECONNRESET')],
  ])('lost under a query (%s): unavailable, and the connection is destroyed, not reused', async (_, lost) => {
    const { client, pool } = fakePool(() => Promise.reject(lost));
    const connected = await pool.connect();
    await expect(connected.query('INSERT INTO call_answers VALUES ($1)', [1])).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/was not saved/),
    });
    connected.release();
    expect(client.release).toHaveBeenCalledWith(lost);
  });

  it('lost under COMMIT: in doubt, and said so (never "not saved")', async () => {
    const lost = failure('Connection terminated unexpectedly');
    const { pool } = fakePool((sql) =>
      sql === 'COMMIT' ? Promise.reject(lost) : Promise.resolve({ rows: [] }),
    );
    const connected = await pool.connect();
    await connected.query('BEGIN', []);
    const error = await connected.query('COMMIT', []).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(
        /cannot tell whether what you just entered was saved.*look before entering it again/,
      ),
    });
    expect((error as Error).message).not.toMatch(/was not saved/);
  });

  it('lost between two queries (the driver only emits an error): destroyed when released', async () => {
    const { client, pool } = fakePool(() => Promise.resolve({ rows: [] }));
    const connected = await pool.connect();
    const lost = failure('Connection terminated unexpectedly');
    // Without a listener this event would crash the process.
    client.emit('error', lost);
    connected.release();
    expect(client.release).toHaveBeenCalledWith(lost);
    expect(client.listenerCount('error')).toBe(0);
  });

  it('any other error is the database speaking: passed on as it is, and the connection kept', async () => {
    const duplicate = failure('duplicate key value violates unique constraint', '23505');
    const { client, pool } = fakePool(() => Promise.reject(duplicate));
    const connected = await pool.connect();
    await expect(connected.query('INSERT', [])).rejects.toBe(duplicate);
    connected.release();
    expect(client.release).toHaveBeenCalledWith(undefined);
  });
});
