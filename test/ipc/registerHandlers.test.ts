import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { registerHandlers } from '../../src/main/ipc/registerHandlers';
import type { Dispatch } from '../../src/main/ipc/dispatch';
import { APP_ENTRY_URL } from '../../src/main/security/appUrl';
import { CHANNELS } from '../../src/shared/ipc/channels';

function fakeWindow(): WebContents {
  const mainFrame = { url: APP_ENTRY_URL };
  return { mainFrame } as unknown as WebContents;
}

describe('registerHandlers', () => {
  const setup = () => {
    const handle = vi.fn();
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: null }));
    const window = fakeWindow();
    registerHandlers({ handle }, dispatch, () => [window]);
    const listenerFor = (channel: string) =>
      handle.mock.calls.find(([name]) => name === channel)![1] as (
        e: IpcMainInvokeEvent,
        input: unknown,
      ) => unknown;
    return { handle, dispatch, window, listenerFor };
  };

  it('registers one invoke handler per contract channel, and no others', () => {
    const { handle } = setup();
    expect(handle.mock.calls.map(([name]) => name).sort()).toEqual([...CHANNELS].sort());
  });

  it("marks the main window's top frame as such", async () => {
    const { dispatch, window, listenerFor } = setup();
    const event = { sender: window, senderFrame: window.mainFrame } as unknown as IpcMainInvokeEvent;
    await listenerFor('settings:get')(event, {});
    expect(dispatch).toHaveBeenCalledWith(
      { frameUrl: APP_ENTRY_URL, isAppWindowTopFrame: true },
      'settings:get',
      {},
    );
  });

  it('trusts the top frame of every app window (the print window too), and nothing else', async () => {
    const handle = vi.fn();
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: null }));
    const main = fakeWindow();
    const print = fakeWindow();
    registerHandlers({ handle }, dispatch, () => [main, print]);
    const listener = handle.mock.calls[0]![1] as (e: IpcMainInvokeEvent, input: unknown) => unknown;
    await listener({ sender: print, senderFrame: print.mainFrame } as unknown as IpcMainInvokeEvent, {});
    expect(dispatch.mock.calls[0]![0].isAppWindowTopFrame).toBe(true);
  });

  it('marks a subframe, another window and a vanished frame as untrusted', async () => {
    const { dispatch, window, listenerFor } = setup();
    const other = fakeWindow();
    const cases = [
      { sender: window, senderFrame: { url: APP_ENTRY_URL } },
      { sender: other, senderFrame: other.mainFrame },
      { sender: window, senderFrame: null },
    ];
    for (const event of cases) {
      dispatch.mockClear();
      await listenerFor('app:info')(event as unknown as IpcMainInvokeEvent, {});
      expect(dispatch.mock.calls[0]![0].isAppWindowTopFrame).toBe(false);
    }
  });
});
