// Settings, Office database through the real dispatch: administrators only, the field error for a plain
// connection to another computer, and an audit row that names the server but never holds the password.
import { describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/closedPort';
import { openSignedInApp, signInAsFrontDesk } from '../helpers/appDispatch';
import { useTempDirs } from '../helpers/tempDir';
import { num, rows } from '../helpers/sqlRows';
import { TEST_ENGINE } from '../helpers/testEngine';
import { recoveryCodeOf } from '../../src/main/security/dbKey';

const PASSWORD = 'Server-Pass-0f-The-Office';

const settings = (port: number) => ({
  host: '127.0.0.1',
  port,
  database: 'verifydesk',
  user: 'desk_role',
  password: PASSWORD,
  requireTls: false,
  caCertificate: '',
});

describe('office database channels', () => {
  const tempDir = useTempDirs();

  it('answer an administrator in plain words and audit the check without the password', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    const port = await closedPort();
    const answer = await send('officedb:check', settings(port));
    expect(answer).toMatchObject({
      ok: true,
      value: { outcome: 'unreachable', schemaVersion: null },
    });
    expect(JSON.stringify(answer)).not.toContain(PASSWORD);

    const audited = await rows<{ action: string; detail: string }>(
      db,
      "SELECT action, detail_json AS detail FROM audit_log WHERE entity = 'office_database'",
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]!.action).toBe('view');
    expect(JSON.parse(audited[0]!.detail)).toEqual({
      channel: 'officedb:check',
      host: '127.0.0.1',
      port,
      database: 'verifydesk',
      user: 'desk_role',
      requireTls: false,
      caCertificate: false,
      outcome: 'unreachable',
    });
    expect(JSON.stringify(await rows(db, 'SELECT * FROM audit_log'))).not.toContain(PASSWORD);
  });

  it('say nothing was moved when the server cannot be reached, and audit the attempt without the password', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    const port = await closedPort();
    const before = await num(db, 'SELECT count(*) FROM patients');
    const answer = await send('officedb:move', settings(port));
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        // A desk already on the office database has no file of its own to move (the ipc-pg run).
        message: expect.stringMatching(
          TEST_ENGINE === 'postgres'
            ? /^Nothing was moved: this computer already uses an office database/
            : /^Nothing was moved\. No database server answered at 127\.0\.0\.1:\d+/,
        ),
      },
    });
    expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    const audited = await rows<{ action: string; detail: string }>(
      db,
      "SELECT action, detail_json AS detail FROM audit_log WHERE entity = 'office_database'",
    );
    expect(audited.map((r) => ({ action: r.action, detail: JSON.parse(r.detail) as unknown }))).toEqual([
      {
        action: 'export',
        detail: {
          channel: 'officedb:move',
          host: '127.0.0.1',
          port,
          database: 'verifydesk',
          user: 'desk_role',
          requireTls: false,
          caCertificate: false,
          outcome: 'refused',
        },
      },
    ]);
    expect(JSON.stringify(await rows(db, 'SELECT * FROM audit_log'))).not.toContain(PASSWORD);
    // This computer's own data is as it was.
    expect(await num(db, 'SELECT count(*) FROM patients')).toBe(before);
  });

  it('say nothing was merged when the server cannot be reached, and audit the attempt without password or office key', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    const port = await closedPort();
    const before = await num(db, 'SELECT count(*) FROM patients');
    const officeKey = recoveryCodeOf(Buffer.alloc(32, 0x33));
    const answer = await send('officedb:merge', {
      settings: settings(port),
      officeKey,
      decisions: [{ patientId: 1, separate: true }],
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(
          TEST_ENGINE === 'postgres'
            ? /^Nothing was merged: this computer already uses an office database/
            : /^Nothing was merged\. No database server answered at 127\.0\.0\.1:\d+/,
        ),
      },
    });
    // A mistyped office key is said beside its field, before the server is asked; also on record.
    expect(
      await send('officedb:merge', { settings: settings(port), officeKey: 'ABCDE-12345', decisions: [] }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'officeKey' } });
    // Strict input: nothing but the settings, the key and the decisions.
    expect(
      await send('officedb:merge', { settings: settings(port), officeKey, decisions: [], force: true }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    const audited = await rows<{ action: string; detail: string }>(
      db,
      "SELECT action, detail_json AS detail FROM audit_log WHERE entity = 'office_database'",
    );
    const detail = (decisions: number) => ({
      channel: 'officedb:merge',
      host: '127.0.0.1',
      port,
      database: 'verifydesk',
      user: 'desk_role',
      requireTls: false,
      caCertificate: false,
      outcome: 'refused',
      decisions,
    });
    expect(audited.map((r) => ({ action: r.action, detail: JSON.parse(r.detail) as unknown }))).toEqual([
      { action: 'export', detail: detail(1) },
      { action: 'export', detail: detail(0) },
    ]);
    const trail = JSON.stringify(await rows(db, 'SELECT * FROM audit_log'));
    expect(trail).not.toContain(PASSWORD);
    expect(trail).not.toContain(officeKey);
    expect(await num(db, 'SELECT count(*) FROM patients')).toBe(before);
  });

  it('refuse a plain connection to another computer beside the Require TLS box', async () => {
    const { send } = await openSignedInApp(tempDir);
    expect(await send('officedb:check', { ...settings(5432), host: '192.168.1.20' })).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        field: 'requireTls',
        message: expect.stringContaining('127.0.0.1, ::1 or localhost'),
      },
    });
  });

  it('refuse a front-desk user before anything reaches the server, and audit nothing', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    await signInAsFrontDesk(send);
    for (const channel of ['officedb:check', 'officedb:create', 'officedb:move'])
      expect(await send(channel, settings(await closedPort()))).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    expect(
      await send('officedb:merge', { settings: settings(await closedPort()), officeKey: '', decisions: [] }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await rows(db, "SELECT * FROM audit_log WHERE entity = 'office_database'")).toEqual([]);
    expect(JSON.stringify(await rows(db, 'SELECT * FROM audit_log'))).not.toContain(PASSWORD);
  });
});
