// The call in progress: its view from main after every action (main holds the truth and commits each
// answer at once), and calls left in progress that can be resumed.
import { create } from 'zustand';
import type { CallView } from '../../../shared/script/callViews';
import type { Answer } from '../../../shared/script/scriptTypes';
import type { Output } from '../../../shared/ipc/contract';
import { ApiError, call } from '../lib/api';

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
  setDetails(
    details: Partial<
      Pick<CallView, 'repName' | 'referenceNumber' | 'noReferenceReason' | 'dialedNumber' | 'ivrNotes'>
    >,
  ): Promise<void>;
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

export const useCallStore = create<CallState>((set, get) => {
  const act = async (fn: (id: number) => Promise<CallView>): Promise<boolean> => {
    const current = get().view;
    if (!current) return false;
    try {
      set({ view: await fn(current.id), problem: null });
      return true;
    } catch (error) {
      set({ problem: problemOf(error) });
      return false;
    }
  };
  return {
    view: null,
    resumable: [],
    problem: null,
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
      const view = get().view;
      const key = view?.current?.key;
      if (!view || key === undefined) return false;
      try {
        set({ view: await call('call:answer', { id: view.id, key, answer }), problem: null });
        return true;
      } catch (error) {
        set({ problem: problemOf(error) });
        // The call had moved on (an answer main took although its reply was lost): show where it is.
        if (error instanceof ApiError && error.code === 'conflict' && error.field === 'answer')
          set({ view: await call('call:get', { id: view.id }).catch(() => get().view) });
        return false;
      }
    },
    confirmReadBack: async () => {
      const pending = get().view?.pendingReadBack;
      if (pending) await act((id) => call('call:confirmReadBack', { id, key: pending.key }));
    },
    confirmOnFile: async (keys) => {
      if (await act((id) => call('call:confirmOnFile', { id, keys }))) return;
      // Refused (what is on file changed meanwhile): the list is read again, the message stays.
      const id = get().view?.id;
      if (id !== undefined) set({ view: await call('call:get', { id }).catch(() => get().view) });
    },
    back: async (trailIndex) => void (await act((id) => call('call:back', { id, trailIndex }))),
    toggleHold: async () => void (await act((id) => call('call:toggleHold', { id }))),
    setDetails: async (details) =>
      void (await act((id) => {
        const v = get().view!;
        return call('call:setDetails', {
          id,
          details: {
            repName: v.repName,
            referenceNumber: v.referenceNumber,
            noReferenceReason: v.noReferenceReason,
            dialedNumber: v.dialedNumber,
            ivrNotes: v.ivrNotes,
            ...details,
          },
        });
      })),
    drop: async () => void (await act((id) => call('call:drop', { id }))),
    complete: (finish) => act((id) => call('call:complete', { id, finish })),
    close: () => {
      set({ view: null, problem: null });
      void get().checkResumable();
    },
  };
});
