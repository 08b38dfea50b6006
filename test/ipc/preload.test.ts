import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName } from '../../src/shared/ipc/channels';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

describe('preload bridge', () => {
  beforeEach(async () => {
    vi.resetModules();
    exposeInMainWorld.mockClear();
    invoke.mockClear();
    await import('../../src/preload/index');
  });

  it('exposes exactly one global, api, once', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]![0]).toBe('api');
  });

  it('exposes one named function per contract channel and nothing else', () => {
    const api = exposeInMainWorld.mock.calls[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(CHANNELS.map(methodName).sort());
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
});
