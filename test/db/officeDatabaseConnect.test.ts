// The connection check against stand-in servers on this computer. TLS, with a real handshake: a
// stand-in answers the driver's SSLRequest with "S" and presents a certificate from a fictional
// authority (test/fixtures/tls). Without that authority's certificate the server is not trusted and
// nothing is sent; with it pasted as the CA certificate the handshake succeeds and the server's own
// answer (here a refused password) comes through; a certificate for another name is refused even with
// the right CA. And a server that takes the connection but never answers is reported after 5 seconds.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOfficeDatabase } from '../../src/main/db/pg/checkOfficeDatabase';
import type { OfficeDatabaseSettings } from '../../src/shared/settings/officeDatabase';

const FIXTURES = path.join(__dirname, '../fixtures/tls');
const CA = readFileSync(path.join(FIXTURES, 'ca.crt'), 'utf8');
const KEY = readFileSync(path.join(FIXTURES, 'server.key'));
const CERT = readFileSync(path.join(FIXTURES, 'server.crt'));

/** The protocol's SSLRequest code (PostgreSQL's frontend/backend protocol, "SSLRequest"). */
const SSL_REQUEST = 80877103;

/** A PostgreSQL ErrorResponse refusing the password, as a server sends it after the startup message. */
function passwordRefused(): Buffer {
  const fields = Buffer.from('SFATAL\0C28P01\0Mpassword authentication failed for user "desk_role"\0\0');
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

interface StandIn {
  port: number;
  /** What reached the server inside TLS (the startup message carries the user name). */
  received: Buffer[];
  close(): Promise<void>;
}

const opened: StandIn[] = [];
afterEach(async () => {
  for (const server of opened.splice(0)) await server.close();
});

async function tlsStandIn(host: string): Promise<StandIn> {
  const received: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('data', (first) => {
      if (first.length < 8 || first.readInt32BE(4) !== SSL_REQUEST) return socket.destroy();
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, key: KEY, cert: CERT });
      secure.on('error', () => undefined);
      secure.on('data', (data: Buffer) => {
        received.push(data);
        secure.end(passwordRefused());
      });
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const standIn: StandIn = {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  opened.push(standIn);
  return standIn;
}

const settings = (host: string, port: number, caCertificate = ''): OfficeDatabaseSettings => ({
  host,
  port,
  database: 'verifydesk',
  user: 'desk_role',
  password: 'the office password',
  requireTls: true,
  caCertificate,
});

describe('TLS to the office database, with the server certificate checked', () => {
  it('a certificate from an authority this computer does not know is not trusted; nothing is sent', async () => {
    const server = await tlsStandIn('127.0.0.1');
    const check = await checkOfficeDatabase(settings('127.0.0.1', server.port));
    expect(check.outcome).toBe('tls');
    expect(check.message).toContain('its TLS certificate is not trusted');
    expect(check.message).toContain('authority this computer does not trust');
    expect(server.received).toEqual([]);
  });

  it('with that authority’s certificate pasted, the connection is made and the server’s answer comes through', async () => {
    const server = await tlsStandIn('127.0.0.1');
    const check = await checkOfficeDatabase(settings('127.0.0.1', server.port, CA));
    expect(check.outcome).toBe('credentials');
    expect(check.message).toContain('refused the user name or password (user desk_role)');
    // The startup message went inside TLS.
    expect(Buffer.concat(server.received).toString('latin1')).toContain('desk_role');
  });

  it('a certificate made for another name is refused even with the right authority', async () => {
    // 127.0.0.2 is this computer too (Linux answers the whole 127/8), but the certificate names only
    // localhost and 127.0.0.1.
    const server = await tlsStandIn('127.0.0.2');
    const check = await checkOfficeDatabase(settings('127.0.0.2', server.port, CA));
    expect(check.outcome).toBe('tls');
    expect(check.message).toContain('made for a different server name');
    expect(server.received).toEqual([]);
  });
});

describe('a server that never answers', () => {
  it('is reported unreachable after the 5-second wait, not left hanging', async () => {
    const sockets = new Set<net.Socket>();
    // Takes the connection and says nothing, as a firewall that swallows packets looks from here.
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const check = await checkOfficeDatabase({ ...settings('127.0.0.1', port), requireTls: false });
      expect(check.outcome).toBe('unreachable');
      expect(check.message).toContain(`The server at 127.0.0.1:${port} did not answer within 5 seconds`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 20_000);
});
