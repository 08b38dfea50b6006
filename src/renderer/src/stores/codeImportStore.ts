// The licensed CDT file import in Settings: pick a file, see the dry-run summary, then apply.
import { create } from 'zustand';
import type { LicensedImportPreview } from '../../../shared/catalog/catalogTypes';
import { ApiError, call } from '../lib/api';
import { useCatalogStore } from './catalogStore';
import { MAX_IMPORT_BYTES, readAsBase64 } from '../lib/files';

interface PickedFile {
  fileName: string;
  contentBase64: string;
}

interface CodeImportState {
  status: 'idle' | 'reading' | 'previewed' | 'applying' | 'applied' | 'error';
  file: PickedFile | null;
  preview: LicensedImportPreview | null;
  result: { imported: number; skippedUnknown: number } | null;
  message: string | null;
  pick(file: File): Promise<void>;
  apply(): Promise<void>;
  reset(): void;
}

export const useCodeImportStore = create<CodeImportState>((set, get) => ({
  status: 'idle',
  file: null,
  preview: null,
  result: null,
  message: null,

  pick: async (file) => {
    if (file.size > MAX_IMPORT_BYTES) {
      set({
        status: 'error',
        message:
          'That file is larger than 5 MB; a CDT code file is much smaller. Check that it is the right file.',
      });
      return;
    }
    set({ status: 'reading', preview: null, result: null, message: null });
    try {
      const picked = { fileName: file.name, contentBase64: await readAsBase64(file) };
      const preview = await call('catalog:importPreview', picked);
      set({ status: 'previewed', file: picked, preview });
    } catch (error) {
      set({
        status: 'error',
        message: error instanceof ApiError ? error.message : 'The file could not be read.',
      });
    }
  },

  apply: async () => {
    const { file, preview } = get();
    if (!file || !preview || preview.issueCount > 0) return;
    set({ status: 'applying' });
    try {
      const result = await call('catalog:importApply', file);
      // The official names and descriptors are searchable now: the lookup fetches its entries again.
      useCatalogStore.getState().forgetSearchIndex();
      set({ status: 'applied', result });
    } catch (error) {
      set({
        status: 'error',
        message: error instanceof ApiError ? error.message : 'The import failed. Nothing was changed.',
      });
    }
  },

  reset: () => set({ status: 'idle', file: null, preview: null, result: null, message: null }),
}));
