// window.api for jsdom tests: every channel present (as the preload guarantees); unstubbed ones fail loudly.
import { vi } from 'vitest';
import type { Api } from '../../src/shared/ipc/api';
import { useSessionStore } from '../../src/renderer/src/stores/sessionStore';
import { useSettingsStore } from '../../src/renderer/src/stores/settingsStore';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings/settings';
import type { SessionStatus } from '../../src/shared/auth/authViews';
import { CHANNELS, methodName } from '../../src/shared/ipc/channels';
import type { OfficeChange } from '../../src/shared/ipc/officeChanges';
import { SYNTHETIC_OFFICE } from '../helpers/testOffice';

/** An administrator signed in and unlocked: the state these tests start from. */
export const OPEN_SESSION: SessionStatus = {
  state: 'open',
  user: { displayName: 'Test User', role: 'admin' },
  lockAfterMinutes: 10,
  callOnHold: null,
};

/** Settings as after the first-start setup: the office header is complete. */
export const READY_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  office: SYNTHETIC_OFFICE,
};

const officeChangeListeners = new Set<(change: OfficeChange) => void>();

/** What main pushes when another desk changed a list, delivered as the preload delivers it. */
export function pushOfficeChange(change: OfficeChange): void {
  for (const listener of [...officeChangeListeners]) listener(change);
}

/** Every channel fails unless stubbed, except the session's status (open, as if signed in). */
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
  window.api = {
    ...api,
    sessionStatus: vi.fn(() => Promise.resolve({ ok: true as const, value: OPEN_SESSION })),
    securityRecoveryCode: vi.fn(() => Promise.resolve({ ok: true as const, value: { code: null } })),
    securityEmergencyAccess: vi.fn(() => Promise.resolve({ ok: true as const, value: { notice: null } })),
    onOfficeChange: (listener) => {
      officeChangeListeners.add(listener);
      return () => void officeChangeListeners.delete(listener);
    },
    ...overrides,
  };
  // Signed in from the first render, as the app is once the sign-in screen is behind it.
  useSessionStore.setState({ status: OPEN_SESSION, errors: {}, resumeCallId: null });
  // ...with the office set up, as after the first start (the setup itself has its own test).
  useSettingsStore.setState({ status: 'ready', settings: READY_SETTINGS, fieldErrors: {}, savedAt: null });
  return window.api;
}
