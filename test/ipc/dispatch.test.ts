import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type HandlerMap } from '../../src/main/ipc/dispatch';
import { APP_ENTRY_URL } from '../../src/main/security/appUrl';
import { isTrustedSender, type SenderInfo } from '../../src/main/security/trustedSender';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { AppError } from '../../src/shared/ipc/result';
import { DEFAULT_SETTINGS } from '../../src/shared/settings/settings';
import { OPEN_GUARD } from '../helpers/openGuard';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';

function setup(overrides: Partial<HandlerMap> = {}) {
  const handlers = {
    ...(Object.fromEntries(CHANNELS.map((c) => [c, vi.fn()])) as unknown as HandlerMap),
    'app:info': vi.fn(() => ({
      version: '0.1.0',
      dbPath: '/tmp/x.sqlite',
      schemaVersion: 1,
      platform: 'linux',
      dataPathWarning: null,
    })),
    'settings:get': vi.fn(() => DEFAULT_SETTINGS),
    'settings:update': vi.fn(() => DEFAULT_SETTINGS),
    ...overrides,
  } as HandlerMap;
  const reportError = vi.fn();
  const dispatch = createDispatch({
    handlers,
    isTrustedSender: (sender) => isTrustedSender(sender, undefined),
    guard: OPEN_GUARD,
    checkOutputs: true,
    reportError,
  });
  return { dispatch, handlers, reportError };
}

describe('dispatch', () => {
  it('runs the handler for valid input from the app window and wraps the value', async () => {
    const { dispatch, handlers } = setup();
    const result = await dispatch(MAIN_WINDOW_SENDER, 'settings:update', { planStaleAfterDays: 60 });
    expect(result).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(handlers['settings:update']).toHaveBeenCalledWith({ planStaleAfterDays: 60 });
  });

  it.each([
    ['an unknown key', { colour: 'red' }, undefined],
    ['a wrong type', { planStaleAfterDays: '60' }, 'planStaleAfterDays'],
    ['a fraction of a day', { planStaleAfterDays: 1.5 }, 'planStaleAfterDays'],
    ['a bad NPI', { office: { npi: '12345' } }, 'office.npi'],
    ['no object at all', null, undefined],
    ['an array', [], undefined],
    // Structured clone can carry these; as "objects" they would pass as empty input.
    ['a Map', new Map([['planStaleAfterDays', 60]]), undefined],
    ['a Set', new Set([1]), undefined],
    ['a Date', new Date(0), undefined],
    ['a typed array inside', { office: new Uint8Array([1]) }, undefined],
    ['a BigInt inside', { planStaleAfterDays: 60n }, undefined],
    ['a class instance', new (class Settings {})(), undefined],
  ])(
    'refuses %s with a validation error naming the field, before the handler runs',
    async (_label, input, field) => {
      const { dispatch, handlers } = setup();
      const result = await dispatch(MAIN_WINDOW_SENDER, 'settings:update', input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('validation');
      expect(result.error.field).toBe(field);
      expect(result.error.message).toMatch(field ? /\S/ : /^This request was not valid: /);
      expect(handlers['settings:update']).not.toHaveBeenCalled();
    },
  );

  it('explains a bad NPI in words a person can act on', async () => {
    const { dispatch } = setup();
    const result = await dispatch(MAIN_WINDOW_SENDER, 'settings:update', { office: { npi: '12' } });
    expect(!result.ok && result.error.message).toBe('An NPI is exactly 10 digits.');
  });

  const untrusted: Array<[string, SenderInfo]> = [
    ['a destroyed frame', { frameUrl: null, isAppWindowTopFrame: true }],
    ['a subframe or another window', { frameUrl: APP_ENTRY_URL, isAppWindowTopFrame: false }],
    ['a foreign scheme', { frameUrl: 'evil://bundle/index.html', isAppWindowTopFrame: true }],
    ['a file URL', { frameUrl: 'file:///etc/passwd', isAppWindowTopFrame: true }],
    ['a look-alike host', { frameUrl: 'app://bundle.evil/index.html', isAppWindowTopFrame: true }],
    ['a web page', { frameUrl: 'https://example.com/', isAppWindowTopFrame: true }],
  ];
  it.each(untrusted)('refuses %s as forbidden without calling the handler', async (_label, sender) => {
    const { dispatch, handlers } = setup();
    const result = await dispatch(sender, 'settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers['settings:get']).not.toHaveBeenCalled();
  });

  it('refuses a channel that is not in the contract', async () => {
    const { dispatch } = setup();
    const result = await dispatch(MAIN_WINDOW_SENDER, 'db:exec', { sql: 'DROP TABLE settings' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('passes an AppError through with its code, message and field', async () => {
    const { dispatch } = setup({
      'settings:get': () => {
        throw new AppError('conflict', 'Someone else changed this.', 'office.name');
      },
    });
    const result = await dispatch(MAIN_WINDOW_SENDER, 'settings:get', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Someone else changed this.', field: 'office.name' },
    });
  });

  it('hides unexpected errors behind a plain internal message and reports them without the input', async () => {
    const { dispatch, reportError } = setup({
      'settings:get': () => {
        throw new Error('SQLITE_IOERR at /home/patient-Mrkfirst');
      },
    });
    const result = await dispatch(MAIN_WINDOW_SENDER, 'settings:get', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.message).not.toContain('Mrkfirst');
    expect(reportError).toHaveBeenCalledWith('settings:get', expect.any(Error));
  });

  it('catches a handler that returns something outside its output contract', async () => {
    const { dispatch } = setup({
      'app:info': () => ({ version: 1 }) as never,
    });
    const result = await dispatch(MAIN_WINDOW_SENDER, 'app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
