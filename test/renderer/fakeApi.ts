// window.api for jsdom tests: every channel present (as the preload guarantees); unstubbed ones fail loudly.
import { vi } from 'vitest';
import type { Api } from '../../src/shared/ipc/api';
import { CHANNELS, methodName } from '../../src/shared/ipc/channels';

export function installFakeApi(overrides: Partial<Api>): Api {
  const api = Object.fromEntries(
    CHANNELS.map((c) => [
      methodName(c),
      vi.fn(() =>
        Promise.resolve({
          ok: false,
          error: { code: 'internal', message: `${c} is not stubbed in this test` },
        }),
      ),
    ]),
  ) as unknown as Api;
  window.api = { ...api, ...overrides };
  return window.api;
}
