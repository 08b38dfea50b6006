// The session as main reports it. Anything but "open" replaces the whole app with the sign-in / lock
// screen, and the stores that hold patient details are emptied, so nothing is left on screen or in
// memory behind the lock. An open call is remembered by id only and reopened after unlock; a call on
// hold when the lock came (main says so, even after the window reloads) is reopened on the call screen.
import { create } from 'zustand';
import type { SessionStatus } from '../../../shared/auth/authViews';
import { ApiError, call } from '../lib/api';
import { FORM_ERROR, fieldErrorsFrom, type FieldErrors } from '../lib/fieldErrors';
import { onLocked } from '../lib/lockSignal';
import { useCallStore } from './callStore';
import { useEstimateStore } from './estimateStore';
import { useNavStore } from './navStore';
import { usePatientsStore } from './patientsStore';
import { useTodoStore } from './todoStore';

const SESSION_FIELDS = ['username', 'displayName', 'password', 'code'];

interface SessionState {
  status: SessionStatus | null;
  /** The call that was on screen when the lock came, reopened after unlock. */
  resumeCallId: number | null;
  /** Main's messages for the form on screen, by field (lib/fieldErrors.ts). */
  errors: FieldErrors;
  /** The person changed a field, or went to another form: its message, and the form's, no longer apply. */
  clearErrors(field?: string): void;
  /** The call main says is on hold behind the lock. */
  heldCallId: number | null;
  refresh(): Promise<void>;
  /** On a new computer: opens the data with the practice's recovery code. */
  recover(code: string): Promise<void>;
  setup(input: { username: string; displayName: string; password: string }): Promise<void>;
  signIn(input: { username: string; password: string }): Promise<void>;
  /** `repIsBack`: the call on hold is taken off hold as it reopens (the rep came back to the line). */
  unlock(password: string, repIsBack?: boolean): Promise<void>;
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
  /** Takes the status main gave; resolves once a call to go back to is open again. */
  const apply = async (status: SessionStatus) => {
    const wasOpen = get().status?.state === 'open';
    if (wasOpen && status.state !== 'open') {
      set({ resumeCallId: useCallStore.getState().view?.id ?? null });
      forgetPatientDetails();
    }
    if (status.callOnHold) set({ resumeCallId: status.callOnHold.callId });
    // The regular status poll must not wipe a message the person has not read yet.
    if (status.state !== get().status?.state) set({ errors: {} });
    set({ status });
    const resume = get().resumeCallId;
    if (!wasOpen && status.state === 'open' && resume !== null) {
      const held = get().heldCallId === resume;
      set({ resumeCallId: null });
      await useCallStore
        .getState()
        .open(resume)
        .catch(() => undefined);
      if (held) useNavStore.getState().go('call');
    }
    set({ heldCallId: status.callOnHold?.callId ?? null });
  };
  const attempt = async (fn: () => Promise<SessionStatus>) => {
    try {
      await apply(await fn());
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
    heldCallId: null,
    refresh: () => attempt(() => call('session:status', {})),
    recover: (code) => attempt(() => call('session:recover', { code })),
    setup: (input) => attempt(() => call('session:setup', input)),
    // Someone signing in (perhaps someone else) starts afresh: the locked session's call is not reopened
    // for them; it waits, saved, on the call screen's list of calls left open.
    signIn: (input) => {
      set({ resumeCallId: null, heldCallId: null });
      return attempt(() => call('session:signIn', input));
    },
    unlock: async (password, repIsBack = false) => {
      await attempt(() => call('session:unlock', { password }));
      const view = useCallStore.getState().view;
      if (repIsBack && get().status?.state === 'open' && view?.onHold)
        await useCallStore.getState().toggleHold();
    },
    lock: () => attempt(() => call('session:lock', {})),
    signOut: () => attempt(() => call('session:signOut', {})),
  };
});
