import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName } from '../../src/shared/ipc/channels';
import { OFFICE_CHANGE_EVENT } from '../../src/shared/ipc/officeChanges';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
const on = vi.fn();
const removeListener = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld },
  ipcRenderer: { invoke, send: vi.fn(), on, removeListener, sendSync: vi.fn() },
}));

describe('preload bridge', () => {
  beforeEach(async () => {
    vi.resetModules();
    exposeInMainWorld.mockClear();
    invoke.mockClear();
    on.mockClear();
    removeListener.mockClear();
    await import('../../src/preload/index');
  });

  it('exposes exactly one global, api, once', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]![0]).toBe('api');
  });

  it('exposes one named function per contract channel, the one push subscription, and nothing else', () => {
    const api = exposeInMainWorld.mock.calls[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS.map(methodName), 'onOfficeChange'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    for (const banned of ['invoke', 'send', 'on', 'ipcRenderer', 'process', 'env'])
      expect(api).not.toHaveProperty(banned);
  });

  it('each function invokes its own channel with the input, and only that', async () => {
    const api = exposeInMainWorld.mock.calls[0]![1] as Record<string, (input: unknown) => Promise<unknown>>;
    for (const channel of CHANNELS) {
      invoke.mockClear();
      await api[methodName(channel)]!({ probe: channel });
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke).toHaveBeenCalledWith(channel, { probe: channel });
    }
  });

  it('onOfficeChange listens on the one push channel, passes known topics only and never the event, and stops', () => {
    const api = exposeInMainWorld.mock.calls[0]![1] as {
      onOfficeChange: (listener: (change: unknown) => void) => () => void;
    };
    const heard: unknown[][] = [];
    const stop = api.onOfficeChange((...args) => heard.push(args));
    expect(on).toHaveBeenCalledTimes(1);
    const [channel, forward] = on.mock.calls[0] as [string, (event: unknown, value: unknown) => void];
    expect(channel).toBe(OFFICE_CHANGE_EVENT);
    const event = { sender: { send: vi.fn() }, ports: [] };
    forward(event, { topics: ['priorAuths', 'secrets', 'priorAuths'], patient: 'Ann' });
    forward(event, { topics: ['nothing known'] });
    forward(event, 'not an object');
    expect(heard).toEqual([[{ topics: ['priorAuths'] }]]);
    stop();
    expect(removeListener).toHaveBeenCalledWith(OFFICE_CHANGE_EVENT, forward);
  });
});
