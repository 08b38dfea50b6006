// The office database's settings as an administrator types them: which servers a plain (non-TLS)
// connection may go to (this computer only), and the field each mistake is reported beside.
import { describe, expect, it } from 'vitest';
import {
  isLoopbackHost,
  officeDatabaseSettingsSchema,
  TLS_ONLY_FOR_LOOPBACK,
  type OfficeDatabaseSettings,
} from '../../../src/shared/settings/officeDatabase';

const typed: OfficeDatabaseSettings = {
  host: 'db.office.lan',
  port: 5432,
  database: 'verifydesk',
  user: 'verifydesk_desk',
  password: 'a long server password',
  requireTls: true,
  caCertificate: '',
};

/** The field the first problem is reported beside (as dispatch reports it), and its message. */
function problem(settings: Record<string, unknown>): { field: string; message: string } | null {
  const parsed = officeDatabaseSettingsSchema.safeParse(settings);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

describe('which servers a connection without TLS may go to', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.2',
    '127.255.255.254',
    '::1',
    '[::1]',
    'localhost',
    'LocalHost',
    ' localhost ',
  ])('%s is this computer', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each([
    '192.168.1.20',
    '10.0.0.5',
    'db.office.lan',
    '127.0.0.1.example.com',
    'localhost.example.com',
    '127.0.0.256',
    '127.1',
    '::2',
    '0.0.0.0',
    '',
  ])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));

  it('a LAN server with Require TLS off is refused beside the Require TLS box, naming the rule', () => {
    expect(problem({ ...typed, host: '192.168.1.20', requireTls: false })).toEqual({
      field: 'requireTls',
      message: TLS_ONLY_FOR_LOOPBACK,
    });
    expect(problem({ ...typed, host: 'db.office.lan', requireTls: false })?.field).toBe('requireTls');
  });

  it.each(['127.0.0.1', '127.0.0.9', '::1', 'localhost'])('%s with Require TLS off is allowed', (host) =>
    expect(problem({ ...typed, host, requireTls: false })).toBeNull(),
  );

  it('any server with Require TLS on is allowed', () => {
    expect(problem({ ...typed, host: '192.168.1.20' })).toBeNull();
    expect(problem(typed)).toBeNull();
  });
});

describe('each mistake beside its field', () => {
  it.each([
    [{ host: '' }, 'host', 'Type the server'],
    [{ host: 'db.office.lan/other' }, 'host', 'server name or IP address only'],
    [{ host: 'db office' }, 'host', 'server name or IP address only'],
    [{ port: 0 }, 'port', 'from 1 to 65535'],
    [{ port: 70000 }, 'port', 'from 1 to 65535'],
    [{ port: Number.NaN }, 'port', 'usually 5432'],
    [{ port: 54.5 }, 'port', 'usually 5432'],
    [{ database: ' ' }, 'database', 'name of the database'],
    [{ user: '' }, 'user', 'user name'],
    [{ password: '' }, 'password', 'Type the password'],
    [{ caCertificate: 'not a certificate' }, 'caCertificate', 'PEM'],
  ])('%o is refused at %s', (change, field, words) => {
    const found = problem({ ...typed, ...change });
    expect(found?.field).toBe(field);
    expect(found?.message).toContain(words);
  });

  it('a pasted PEM certificate is accepted; an unknown field is refused', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
    expect(problem({ ...typed, caCertificate: pem })).toBeNull();
    expect(problem({ ...typed, sslmode: 'disable' })).not.toBeNull();
  });
});
