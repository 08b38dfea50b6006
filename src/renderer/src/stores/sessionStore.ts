// The session as main reports it. Anything but "open" replaces the whole app with the sign-in / lock
// screen, and the stores that hold patient details are emptied, so nothing is left on screen or in
// memory behind the lock. An open call is remembered by id only and reopened after unlock.
import { create } from 'zustand';
import type { SessionStatus } from '../../../shared/auth/authViews';
import { ApiError, call } from '../lib/api';
import { FORM_ERROR, fieldErrorsFrom, type FieldErrors } from '../lib/fieldErrors';
import { onLocked } from '../lib/lockSignal';

const SESSION_FIELDS = ['username', 'displayName', 'password', 'code'];
import { useCallStore } from './callStore';
import { useEstimateStore } from './estimateStore';
import { usePatientsStore } from './patientsStore';

interface SessionState {
  status: SessionStatus | null;
  /** The call that was on screen when the lock came, reopened after unlock. */
  resumeCallId: number | null;
  /** Main's messages for the form on screen, by field (lib/fieldErrors.ts). */
  errors: FieldErrors;
  /** The person changed a field, or went to another form: its message, and the form's, no longer apply. */
  clearErrors(field?: string): void;
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
  for (const store of [useCallStore, useEstimateStore, usePatientsStore]) {
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
    // The regular status poll must not wipe a message the person has not read yet.
    if (status.state !== get().status?.state) set({ errors: {} });
    set({ status });
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
      const errors = fieldErrorsFrom(error, SESSION_FIELDS);
      if (errors) set({ errors });
      else if (error instanceof ApiError) set({ errors: { [FORM_ERROR]: error.message } });
    }
  };
  onLocked(() => void get().refresh());
  return {
    status: null,
    resumeCallId: null,
    errors: {},
    clearErrors: (field) => {
      const { [FORM_ERROR]: _form, ...rest } = get().errors;
      if (field === undefined) set({ errors: {} });
      else if (_form !== undefined || field in rest) {
        const { [field]: _gone, ...others } = rest;
        set({ errors: others });
      }
    },
    refresh: () => attempt(() => call('session:status', {})),
    recover: (code) => attempt(() => call('session:recover', { code })),
    setup: (input) => attempt(() => call('session:setup', input)),
    signIn: (input) => attempt(() => call('session:signIn', input)),
    unlock: (password) => attempt(() => call('session:unlock', { password })),
    lock: () => attempt(() => call('session:lock', {})),
    signOut: () => attempt(() => call('session:signOut', {})),
  };
});
