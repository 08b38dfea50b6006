// Code lookup state shared by the Lookup screen and the Ctrl+K palette: the query, its results, the
// highlighted row, and the entry (CDT code or ICD-10 code) that is open.
import { create } from 'zustand';
import type { CodeDetail, Icd10Detail, SearchResponse } from '../../../shared/catalog/catalogTypes';
import { call } from '../lib/api';

export type OpenEntry = { type: 'cdt'; detail: CodeDetail } | { type: 'icd10'; detail: Icd10Detail };

interface CatalogState {
  query: string;
  response: SearchResponse;
  status: 'idle' | 'loading' | 'ready' | 'error';
  highlighted: number;
  entry: OpenEntry | null;
  entryStatus: 'idle' | 'loading' | 'ready' | 'error';
  paletteOpen: boolean;
  /** Where focus was when the palette opened (e.g. an answer field in a call); it goes back there. */
  returnFocus: HTMLElement | null;
  setQuery(query: string): Promise<void>;
  move(delta: number): void;
  open(type: 'cdt' | 'icd10', code: string): Promise<void>;
  closeEntry(): void;
  openPalette(): void;
  closePalette(): void;
}

const EMPTY: SearchResponse = { results: [], corrections: [] };
let latestRequest = 0;

export const useCatalogStore = create<CatalogState>((set, get) => ({
  query: '',
  response: EMPTY,
  status: 'idle',
  highlighted: 0,
  entry: null,
  entryStatus: 'idle',
  paletteOpen: false,
  returnFocus: null,

  setQuery: async (query) => {
    const request = ++latestRequest;
    set({ query, highlighted: 0, entry: null });
    if (query.trim() === '') {
      set({ response: EMPTY, status: 'idle' });
      return;
    }
    set({ status: 'loading' });
    try {
      const response = await call('catalog:search', { query });
      // Typing is faster than answers can arrive in order: only the newest query's answer counts.
      if (request === latestRequest) set({ response, status: 'ready' });
    } catch {
      if (request === latestRequest) set({ status: 'error' });
    }
  },

  move: (delta) => {
    const count = get().response.results.length;
    if (count === 0) return;
    set({ highlighted: (get().highlighted + delta + count) % count });
  },

  open: async (type, code) => {
    set({ entryStatus: 'loading' });
    try {
      const entry: OpenEntry =
        type === 'cdt'
          ? { type, detail: await call('catalog:getCode', { code }) }
          : { type, detail: await call('catalog:getIcd10', { code }) };
      set({ entry, entryStatus: 'ready' });
    } catch {
      set({ entryStatus: 'error' });
    }
  },

  closeEntry: () => set({ entry: null, entryStatus: 'idle' }),
  openPalette: () => {
    if (get().paletteOpen) return;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    set({ paletteOpen: true, returnFocus: focused });
  },
  closePalette: () => {
    const { returnFocus } = get();
    set({ paletteOpen: false, returnFocus: null, entry: null, entryStatus: 'idle' });
    returnFocus?.focus();
  },
}));
