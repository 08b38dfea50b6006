// The session as main reports it. Anything but "open" replaces the whole app with the sign-in / lock
// screen, and the stores that hold patient details are emptied, so nothing is left on screen or in
// memory behind the lock. An open call is remembered by id only and reopened after unlock.
import { create } from 'zustand';
import type { SessionStatus } from '../../../shared/auth/authViews';
import { ApiError, call } from '../lib/api';
import { onLocked } from '../lib/lockSignal';
import { useCallStore } from './callStore';
import { useEstimateStore } from './estimateStore';
import { usePatientsStore } from './patientsStore';
import { useTodoStore } from './todoStore';

interface SessionState {
  status: SessionStatus | null;
  /** The call that was on screen when the lock came, reopened after unlock. */
  resumeCallId: number | null;
  problem: { field: string | null; message: string } | null;
  refresh(): Promise<void>;
  /** On a new computer: opens the data with the practice's recovery code. */
  recover(code: string): Promise<void>;
  setup(input: { username: string; displayName: string; password: string }): Promise<void>;
  signIn(input: { username: string; password: string }): Promise<void>;
  unlock(password: string): Promise<void>;
  lock(): Promise<void>;
  signOut(): Promise<void>;
}

function forgetPatientDetails(): void {
  for (const store of [useCallStore, useEstimateStore, usePatientsStore, useTodoStore]) {
    (store as { setState(s: unknown, replace: true): void; getInitialState(): unknown }).setState(
      store.getInitialState(),
      true,
    );
  }
}

export const useSessionStore = create<SessionState>((set, get) => {
  const apply = (status: SessionStatus) => {
    const wasOpen = get().status?.state === 'open';
    if (wasOpen && status.state !== 'open') {
      set({ resumeCallId: useCallStore.getState().view?.id ?? null });
      forgetPatientDetails();
    }
    set({ status, problem: null });
    const resume = get().resumeCallId;
    if (!wasOpen && status.state === 'open' && resume !== null) {
      set({ resumeCallId: null });
      void useCallStore.getState().open(resume);
    }
  };
  const attempt = async (fn: () => Promise<SessionStatus>) => {
    try {
      apply(await fn());
    } catch (error) {
      if (error instanceof ApiError) set({ problem: { field: error.field ?? null, message: error.message } });
    }
  };
  onLocked(() => void get().refresh());
  return {
    status: null,
    resumeCallId: null,
    problem: null,
    refresh: () => attempt(() => call('session:status', {})),
    recover: (code) => attempt(() => call('session:recover', { code })),
    setup: (input) => attempt(() => call('session:setup', input)),
    signIn: (input) => attempt(() => call('session:signIn', input)),
    unlock: (password) => attempt(() => call('session:unlock', { password })),
    lock: () => attempt(() => call('session:lock', {})),
    signOut: () => attempt(() => call('session:signOut', {})),
  };
});
