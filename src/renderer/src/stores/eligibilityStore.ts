// Importing eligibility files (271): the files a person chose or dropped, main's review of them, which
// members are ticked, and what was recorded. Files over 5 MB are refused here before they are read;
// main checks every byte again.
import { create } from 'zustand';
import {
  MAX_ELIGIBILITY_FILE_BYTES,
  type EligibilityFileInput,
  type EligibilityImportResult,
  type EligibilityPreview,
} from '../../../shared/eligibility/eligibilityViews';
import { ApiError, call } from '../lib/api';
import { readAsBase64 } from '../lib/files';

interface EligibilityState {
  open: boolean;
  status: 'idle' | 'reading' | 'ready' | 'recording' | 'error';
  files: EligibilityFileInput[];
  /** Files refused before reading (too large), with why. */
  refused: Array<{ fileName: string; message: string }>;
  preview: EligibilityPreview | null;
  ticked: string[];
  result: EligibilityImportResult | null;
  message: string | null;
  show(): void;
  close(): void;
  add(files: readonly File[]): Promise<void>;
  /** How EB08 is read for the file at `index` (the review lists files in the order given). */
  readAs(index: number, coinsurance: EligibilityFileInput['coinsurance']): Promise<void>;
  toggle(key: string): void;
  record(): Promise<void>;
  clear(): void;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const useEligibilityStore = create<EligibilityState>((set, get) => {
  /** Asks main for the review of the current files; matched members start ticked. */
  async function review(files: EligibilityFileInput[]) {
    if (files.length === 0) {
      set({ status: 'idle', preview: null, ticked: [] });
      return;
    }
    set({ status: 'reading' });
    try {
      const preview = await call('eligibility:preview', { files });
      // Members seen before keep their tick; new matched members start ticked, the rest unticked.
      const before = new Set(get().preview?.files.flatMap((f) => f.members.map((m) => m.key)) ?? []);
      const ticked = preview.files.flatMap((f) =>
        f.members
          .filter((m) => m.recordable)
          .filter((m) => (before.has(m.key) ? get().ticked.includes(m.key) : m.match === 'matched'))
          .map((m) => m.key),
      );
      set({ status: 'ready', preview, ticked, message: null });
    } catch (error) {
      set({
        status: 'error',
        message:
          error instanceof ApiError ? error.message : 'The files could not be read; nothing was recorded.',
      });
    }
  }

  return {
    open: false,
    status: 'idle',
    files: [],
    refused: [],
    preview: null,
    ticked: [],
    result: null,
    message: null,

    show: () => set({ open: true }),
    close: () => set({ open: false }),

    add: async (picked) => {
      set({ open: true, result: null });
      const refused = [...get().refused];
      const added: EligibilityFileInput[] = [];
      for (const file of picked) {
        if (file.size > MAX_ELIGIBILITY_FILE_BYTES) {
          refused.push({
            fileName: file.name,
            message: `${file.name} is ${megabytes(file.size)}; an eligibility file is at most 5 MB. Nothing was read from it: ask the clearinghouse for smaller batches.`,
          });
          continue;
        }
        added.push({
          fileName: file.name,
          contentBase64: await readAsBase64(file),
          coinsurance: 'payer_setting',
        });
      }
      const known = new Set(get().files.map((f) => f.contentBase64));
      const files = [...get().files, ...added.filter((f) => !known.has(f.contentBase64))].slice(0, 20);
      set({ refused, files });
      if (added.length > 0) await review(files);
    },

    readAs: async (index, coinsurance) => {
      const files = get().files.map((f, i) => (i === index ? { ...f, coinsurance } : f));
      set({ files });
      await review(files);
    },

    toggle: (key) =>
      set((s) => ({
        ticked: s.ticked.includes(key) ? s.ticked.filter((k) => k !== key) : [...s.ticked, key],
      })),

    record: async () => {
      const { files, ticked } = get();
      if (ticked.length === 0) return;
      set({ status: 'recording', message: null });
      try {
        const result = await call('eligibility:import', { files, confirm: ticked });
        set({ status: 'idle', result, files: [], refused: [], preview: null, ticked: [] });
      } catch (error) {
        set({
          status: 'ready',
          message:
            error instanceof ApiError
              ? error.message
              : 'Nothing was recorded: the import did not finish. Try again.',
        });
      }
    },

    clear: () =>
      set({ status: 'idle', files: [], refused: [], preview: null, ticked: [], result: null, message: null }),
  };
});
