// Code lookup state shared by the Lookup screen and the Ctrl+K palette: the query, its results, the
// highlighted row, the groups opened in full, and the entry (CDT code or ICD-10 code) that is open.
// Searching runs here, in the window, on the entries main sends once per session (catalog:searchIndex):
// a keystroke is answered before the next frame. Until they arrive, main answers (catalog:search).
import { create } from 'zustand';
import { CatalogSearch } from '../../../shared/catalog/catalogSearch';
import type {
  CodeDetail,
  Icd10Detail,
  ResultType,
  SearchResponse,
} from '../../../shared/catalog/catalogTypes';
import { call } from '../lib/api';
import { today } from '../lib/clock';
import { groupResults } from './resultGroups';

export type OpenEntry = { type: 'cdt'; detail: CodeDetail } | { type: 'icd10'; detail: Icd10Detail };

interface CatalogState {
  query: string;
  response: SearchResponse;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Index into the visible rows (results and "Show all" rows). */
  highlighted: number;
  /** Groups the person opened in full for this query. */
  expanded: ResultType[];
  entry: OpenEntry | null;
  entryStatus: 'idle' | 'loading' | 'ready' | 'error';
  paletteOpen: boolean;
  /** Where focus was when the palette opened (e.g. an answer field in a call); it goes back there. */
  returnFocus: HTMLElement | null;
  /** Fetches the lookup's entries so typing is answered in the window; harmless to call again. */
  prepareSearch(): void;
  /** Forgets the entries (after an import changed them); the next search box fetches them again. */
  forgetSearchIndex(): void;
  setQuery(query: string): Promise<void>;
  move(delta: number): void;
  /** Enter on the highlighted row: open the entry, or show the rest of a group. */
  activate(): Promise<void>;
  expand(type: ResultType): void;
  open(type: 'cdt' | 'icd10', code: string): Promise<void>;
  closeEntry(): void;
  openPalette(): void;
  closePalette(): void;
}

const EMPTY: SearchResponse = { results: [], corrections: [] };
let latestRequest = 0;
let engine: CatalogSearch | null = null;
let loadingIndex: Promise<void> | null = null;

export const useCatalogStore = create<CatalogState>((set, get) => ({
  query: '',
  response: EMPTY,
  status: 'idle',
  highlighted: 0,
  expanded: [],
  entry: null,
  entryStatus: 'idle',
  paletteOpen: false,
  returnFocus: null,

  prepareSearch: () => {
    if (engine || loadingIndex) return;
    loadingIndex = call('catalog:searchIndex', {}, { banner: false })
      .then((data) => {
        engine = new CatalogSearch(data);
      })
      .catch(() => {
        // Main still answers every search; the next search box tries again.
        loadingIndex = null;
      });
  },

  forgetSearchIndex: () => {
    engine = null;
    loadingIndex = null;
  },

  setQuery: async (query) => {
    const request = ++latestRequest;
    const fresh = { query, highlighted: 0, expanded: [], entry: null };
    if (query.trim() === '') {
      set({ ...fresh, response: EMPTY, status: 'idle' });
      return;
    }
    if (engine) {
      // One update with the query and its results: React renders once, in this keystroke's frame.
      set({ ...fresh, response: engine.search(query, { today: today() }), status: 'ready' });
      return;
    }
    set({ ...fresh, status: 'loading' });
    get().prepareSearch();
    try {
      const response = await call('catalog:search', { query });
      // Typing is faster than answers can arrive in order: only the newest query's answer counts.
      if (request === latestRequest) set({ response, status: 'ready' });
    } catch {
      if (request === latestRequest) set({ status: 'error' });
    }
  },

  move: (delta) => {
    const { rows } = groupResults(get().response.results, get().expanded);
    if (rows.length === 0) return;
    set({ highlighted: (get().highlighted + delta + rows.length) % rows.length });
  },

  activate: async () => {
    const { rows } = groupResults(get().response.results, get().expanded);
    const row = rows[get().highlighted];
    if (!row) return;
    if (row.kind === 'more') {
      get().expand(row.type);
      return;
    }
    const { result } = row;
    // A CPT hint opens the first CDT code whose medical cross-walk lists it.
    if (result.type === 'cpt') await get().open('cdt', result.related[0]!);
    else await get().open(result.type, result.code);
  },

  expand: (type) => {
    if (get().expanded.includes(type)) return;
    // The highlight stays on the row that was the "Show all" row, now the group's next result.
    set({ expanded: [...get().expanded, type] });
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
