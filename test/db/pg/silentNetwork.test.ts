// The office network goes silent (no reset, no error: a cable out, a VPN down) while a desk waits for a
// reply (PostgreSQL only). The desk is told the office database cannot be reached within the query
// timeout instead of freezing until TCP gives up, and once the network is back the next action gets a
// fresh connection. A stand-in on this computer forwards to the test server and can stop forwarding.
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDb } from '../../../src/main/db/appDb';
import { openPgAppDb } from '../../../src/main/db/pg/pgAppDb';
import { AppError } from '../../../src/shared/ipc/result';
import { testPgConnection } from '../../helpers/testEngine';

/** Forwards bytes both ways to the server until told to go silent (bytes are then dropped, not refused). */
function silenceableProxy(target: { host: string; port: number }) {
  let silent = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (chunk) => void (silent || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (silent || client.write(chunk)));
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
      ),
    setSilent: (value: boolean) => void (silent = value),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a network that goes silent under a desk', () => {
  const direct = testPgConnection('postgres');
  const proxy = silenceableProxy(direct);
  let db: AppDb;
  beforeAll(async () => {
    const port = await proxy.listen();
    db = openPgAppDb({ ...direct, port, queryTimeoutSeconds: 2, connectTimeoutSeconds: 2 });
  });
  afterAll(async () => {
    await db.close();
    await proxy.close();
  });

  it('is reported as the office database out of reach within the query timeout, and recovers', async () => {
    const ask = () => sql<{ n: number }>`SELECT 1 AS n`.execute(db.q);
    expect((await ask()).rows).toEqual([{ n: 1 }]);

    proxy.setSilent(true);
    const started = performance.now();
    const refused = await ask().then(
      () => null,
      (error: unknown) => error,
    );
    const waited = performance.now() - started;
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('unavailable');
    expect((refused as AppError).message).toMatch(
      /^VerifyDesk cannot reach the office database postgres on /,
    );
    // Told within the timeout (2 s here), not after TCP's own minutes.
    expect(waited).toBeLessThan(6_000);

    proxy.setSilent(false);
    expect((await ask()).rows).toEqual([{ n: 1 }]);
  });
});
