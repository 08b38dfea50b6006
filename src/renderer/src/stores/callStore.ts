// The call in progress: its view from main after every action (main holds the truth and commits each
// answer at once), and calls left in progress that can be resumed. An action main could not save because
// the office database is out of reach is tried again by itself while the call is on screen
// (lib/retryWhileUnreachable.ts); `retry` says what waits and when the next try goes.
import { create } from 'zustand';
import type { CallView } from '../../../shared/script/callViews';
import type { Answer } from '../../../shared/script/scriptTypes';
import type { Output } from '../../../shared/ipc/contract';
import { ApiError, call } from '../lib/api';
import { createSaveRetry, type RetryStatus, type TryOutcome } from '../lib/retryWhileUnreachable';

/**
 * What a save on the call is about; one of each kind waits at most. 'step' moves the script (an answer,
 * a read-back, the on-file list, complete, dropped); 'details' the rep's name, reference and notes.
 */
export type CallSaveKind = 'step' | 'details' | 'hold';

type Details = Partial<
  Pick<CallView, 'repName' | 'referenceNumber' | 'noReferenceReason' | 'dialedNumber' | 'ivrNotes'>
>;

/** What "Verify now" on a to-do fills into the start form. */
export interface CallPrefill {
  patientId: number;
  planId: number;
  codes: string[];
  serviceDate: string | null;
}

interface CallState {
  view: CallView | null;
  resumable: Output<'call:inProgress'>;
  problem: { field: string | null; message: string } | null;
  /** Saves the office database could not take, waiting to be tried again; null when nothing waits. */
  retry: RetryStatus<CallSaveKind> | null;
  /** The call screen shows the call: refused saves are retried (off: stopped and forgotten). */
  retryOnScreen(on: boolean): void;
  /** Enter (or "Try now") during the countdown: the waiting save goes now. */
  retryNow(): void;
  /** The person changed the answer that waits: it is not sent again. */
  forgetWaiting(kind: CallSaveKind): void;
  prefill: CallPrefill | null;
  setPrefill(prefill: CallPrefill | null): void;
  checkResumable(): Promise<void>;
  open(id: number): Promise<void>;
  start(input: Parameters<typeof window.api.callStart>[0]): Promise<void>;
  startMedical(dentalCallId: number, input: { planId: number; dialedNumber: string | null }): Promise<void>;
  answer(answer: Answer): Promise<boolean>;
  /** The changed answer was read back to the rep, who confirmed it. */
  confirmReadBack(): Promise<void>;
  /** The rep confirmed these answers of the on-file list; the others are asked one by one. */
  confirmOnFile(keys: string[]): Promise<void>;
  back(trailIndex: number): Promise<void>;
  toggleHold(): Promise<void>;
  setDetails(details: Details): Promise<void>;
  drop(): Promise<void>;
  complete(finish: {
    nextAction: string;
    nextActionDue: string;
    reverifyDate: string | null;
  }): Promise<boolean>;
  close(): void;
}

const problemOf = (error: unknown) =>
  error instanceof ApiError ? { field: error.field ?? null, message: error.message } : null;

export const useCallStore = create<CallState>((set, get, store) => {
  const saves = createSaveRetry<CallSaveKind>((retry) => set({ retry }));
  /** Details typed while the server was out of reach: every later details save carries them too. */
  let unsavedDetails: Details = {};

  /**
   * One save on the call. `retry`: a try again of one main refused as out of reach; if main says the
   * call has moved on (it took the first try although the reply was lost), the screen shows where the
   * call is, and that is no error. `onRefused`: what else a first refusal needs (reload the call).
   */
  const tryOnce =
    (id: number, run: (retry: boolean) => Promise<CallView>, onRefused?: (error: unknown) => Promise<void>) =>
    async (retry: boolean): Promise<TryOutcome> => {
      try {
        const view = await run(retry);
        if (get().view?.id === id) set({ view, problem: null });
        return 'saved';
      } catch (error) {
        if (get().view?.id !== id) return 'settled';
        if (error instanceof ApiError && error.code === 'unavailable' && saves.enabled) {
          // Said on screen by the retry notice (the banner has main's words); not a field's problem.
          set({ problem: null });
          return 'unreachable';
        }
        if (retry && error instanceof ApiError && error.code === 'conflict') {
          set({ view: await call('call:get', { id }).catch(() => get().view), problem: null });
          return 'settled';
        }
        set({ problem: problemOf(error) });
        await onRefused?.(error);
        return 'settled';
      }
    };

  /**
   * `run` sends it; on a retry (`retry`) it asks for no banner: the banner already says the server is out
   * of reach, and a retry's refusal is no news.
   */
  const save = async (
    kind: CallSaveKind,
    run: (id: number, retry: boolean) => Promise<CallView>,
    onRefused?: (id: number, error: unknown) => Promise<void>,
  ): Promise<TryOutcome | 'busy'> => {
    const id = get().view?.id;
    if (id === undefined) return 'settled';
    return saves.save(
      kind,
      tryOnce(id, (retry) => run(id, retry), onRefused && ((error) => onRefused(id, error))),
    );
  };

  const reload = async (id: number) => set({ view: await call('call:get', { id }).catch(() => get().view) });

  // Another call, or none (closed, or the session locked and the store emptied): nothing of the old one
  // is sent again.
  let shownId: number | undefined;
  store.subscribe((state) => {
    if (state.view?.id === shownId) return;
    shownId = state.view?.id;
    saves.stop();
    unsavedDetails = {};
  });

  return {
    view: null,
    resumable: [],
    problem: null,
    retry: null,
    retryOnScreen: (on) => saves.enable(on),
    retryNow: () => saves.retryNow(),
    forgetWaiting: (kind) => saves.forget(kind),
    prefill: null,
    setPrefill: (prefill) => set({ prefill }),
    checkResumable: async () => {
      try {
        set({ resumable: await call('call:inProgress', {}) });
      } catch (error) {
        set({ problem: problemOf(error) });
      }
    },
    open: async (id) => set({ view: await call('call:get', { id }), problem: null }),
    start: async (input) => {
      try {
        set({ view: await call('call:start', input), problem: null, prefill: null });
      } catch (error) {
        set({ problem: problemOf(error) });
      }
    },
    startMedical: async (dentalCallId, input) => {
      try {
        set({ view: await call('call:startMedical', { dentalCallId, ...input }), problem: null });
      } catch (error) {
        set({ problem: problemOf(error) });
      }
    },
    answer: async (answer) => {
      const key = get().view?.current?.key;
      if (key === undefined) return false;
      const outcome = await save(
        'step',
        (id, retry) => call('call:answer', { id, key, answer }, { banner: !retry }),
        async (id, error) => {
          // The call had moved on (an answer main took although its reply was lost): show where it is.
          if (error instanceof ApiError && error.code === 'conflict' && error.field === 'answer')
            await reload(id);
        },
      );
      return outcome === 'saved';
    },
    confirmReadBack: async () => {
      const pending = get().view?.pendingReadBack;
      if (pending)
        await save('step', (id, retry) =>
          call('call:confirmReadBack', { id, key: pending.key }, { banner: !retry }),
        );
    },
    confirmOnFile: async (keys) =>
      void (await save(
        'step',
        (id, retry) => call('call:confirmOnFile', { id, keys }, { banner: !retry }),
        // Refused (what is on file changed meanwhile): the list is read again, the message stays.
        (id) => reload(id),
      )),
    // Going back is not retried: sent twice it would go back further. Refused, it says so.
    back: async (trailIndex) => {
      const current = get().view;
      if (!current) return;
      try {
        set({ view: await call('call:back', { id: current.id, trailIndex }), problem: null });
      } catch (error) {
        set({ problem: problemOf(error) });
      }
    },
    // Hold is a toggle: a retry first looks whether the first try landed (the hold is as wanted).
    toggleHold: async () => {
      const wantOnHold = !get().view?.onHold;
      await save('hold', async (id, retry) => {
        if (retry) {
          const now = await call('call:get', { id }, { banner: false });
          if (now.onHold === wantOnHold) return now;
        }
        return call('call:toggleHold', { id }, { banner: !retry });
      });
    },
    setDetails: async (details) => {
      unsavedDetails = { ...unsavedDetails, ...details };
      // Details typed while an earlier details save was on its way are sent when it has come back.
      while (Object.keys(unsavedDetails).length > 0) {
        const outcome = await save('details', (id, retry) => {
          const v = get().view!;
          const sent = unsavedDetails;
          return call(
            'call:setDetails',
            {
              id,
              details: {
                repName: v.repName,
                referenceNumber: v.referenceNumber,
                noReferenceReason: v.noReferenceReason,
                dialedNumber: v.dialedNumber,
                ivrNotes: v.ivrNotes,
                ...sent,
              },
            },
            { banner: !retry },
          ).then((view) => {
            // Only what was sent is saved; what was typed meanwhile still waits.
            unsavedDetails = Object.fromEntries(
              Object.entries(unsavedDetails).filter(([k, value]) => sent[k as keyof Details] !== value),
            );
            return view;
          });
        });
        if (outcome === 'busy') await saves.settled('details');
        else if (outcome !== 'saved') return;
      }
    },
    drop: async () => void (await save('step', (id, retry) => call('call:drop', { id }, { banner: !retry }))),
    complete: async (finish) =>
      (await save('step', (id, retry) => call('call:complete', { id, finish }, { banner: !retry }))) ===
      'saved',
    close: () => {
      set({ view: null, problem: null });
      void get().checkResumable();
    },
  };
});
