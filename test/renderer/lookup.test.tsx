import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useCatalogStore } from '../../src/renderer/src/stores/catalogStore';
import { useNavStore } from '../../src/renderer/src/stores/navStore';
import type {
  CodeDetail,
  SearchDoc,
  SearchIndexData,
  SearchResponse,
} from '../../src/shared/catalog/catalogTypes';
import { installFakeApi } from './fakeApi';

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

const RESPONSE: SearchResponse = {
  results: [
    {
      type: 'cdt',
      code: 'D0367',
      title: 'Synthetic both-jaws summary',
      detail: 'Capture + interpretation',
      deleted: false,
      oftenPriorAuth: true,
      oftenMedical: true,
      match: 'text',
      via: null,
      related: [],
    },
    {
      type: 'cdt',
      code: 'D0366',
      title: 'Synthetic upper-jaw summary',
      detail: 'Capture + interpretation',
      deleted: false,
      oftenPriorAuth: true,
      oftenMedical: true,
      match: 'text',
      via: null,
      related: [],
    },
    {
      type: 'cdt',
      code: 'D0351',
      title: 'Old 3D photo code',
      detail: 'Capture + interpretation',
      deleted: true,
      oftenPriorAuth: false,
      oftenMedical: false,
      match: 'text',
      via: null,
      related: [],
    },
  ],
  corrections: [{ from: 'cbtc', to: ['cbct'] }],
};

const DETAIL: CodeDetail = {
  code: {
    code: 'D0366',
    subcategory: 'CBCT',
    kind: 'capture_interpretation',
    summary: 'Synthetic upper-jaw summary',
    validFrom: '2013-01-01',
    validTo: null,
    datesUncertain: false,
    confusedWith: [{ code: 'D0365', difference: 'D0365 is the lower jaw' }],
    documentation: ['Narrative'],
    denialReasons: ['Frequency'],
    oftenPriorAuth: true,
    oftenMedical: true,
    cpt: [{ code: '70486', note: 'Face CT without contrast' }],
    icd10: ['K04.5'],
    synonyms: ['cbct'],
  },
  deleted: false,
  licensed: null,
  confusedWith: [
    { code: 'D0365', difference: 'D0365 is the lower jaw', summary: 'Synthetic lower-jaw summary' },
  ],
  icd10: [{ code: 'K04.5', title: 'Chronic apical periodontitis', billable: true, note: null }],
};

/** Never answers: the window keeps asking main (catalog:search) for every keystroke. */
const indexNotYet = () => new Promise<never>(() => undefined);

describe('code lookup', () => {
  let api: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    useCatalogStore.getState().forgetSearchIndex();
    useNavStore.setState({ screen: 'lookup' });
    useCatalogStore.setState({
      query: '',
      response: { results: [], corrections: [] },
      status: 'idle',
      entry: null,
      paletteOpen: false,
      highlighted: 0,
      expanded: [],
    });
    api = installFakeApi({
      catalogSearchIndex: vi.fn(indexNotYet),
      catalogSearch: vi.fn(() => ok(RESPONSE)),
      catalogGetCode: vi.fn(() => ok(DETAIL)),
      appCopyText: vi.fn(() => ok({ copied: true as const })),
    });
  });

  it('searches as you type and shows code, summary, kind and flags', async () => {
    render(<App />);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'cbtc' } });
    expect(await screen.findByText('Synthetic both-jaws summary')).toBeTruthy();
    expect(api.catalogSearch).toHaveBeenCalledWith({ query: 'cbtc' });
    expect(screen.getAllByText('Often needs prior auth').length).toBeGreaterThan(0);
    expect(screen.getByText('Deleted')).toBeTruthy();
    expect(screen.getByText(/Also searched for "cbct" \(for "cbtc"\)/)).toBeTruthy();
  });

  it('arrow keys move the highlight and Enter opens the code page; Esc goes back', async () => {
    render(<App />);
    const box = screen.getByRole('combobox');
    fireEvent.change(box, { target: { value: 'cbct' } });
    await screen.findByText('Synthetic both-jaws summary');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(api.catalogGetCode).toHaveBeenCalledWith({ code: 'D0366' }));
    expect(await screen.findByRole('heading', { name: 'D0366' })).toBeTruthy();
    expect(screen.getByText(/not the official CDT descriptor/)).toBeTruthy();
    expect(screen.getByText('Synthetic lower-jaw summary')).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(await screen.findByRole('combobox')).toBeTruthy();
  });

  it('copies the code through main with Alt+C', async () => {
    render(<App />);
    await act(() => useCatalogStore.getState().open('cdt', 'D0366'));
    fireEvent.keyDown(window, { key: 'c', code: 'KeyC', altKey: true });
    await waitFor(() => expect(api.appCopyText).toHaveBeenCalledWith({ text: 'D0366' }));
    expect(await screen.findByText(/Copied/)).toBeTruthy();
  });

  it('ignores an answer that arrives after a newer query', async () => {
    let releaseFirst: (v: unknown) => void = () => undefined;
    api.catalogSearch = vi.fn((input: { query: string }) =>
      input.query === 'slow'
        ? (new Promise((resolve) => (releaseFirst = resolve)) as never)
        : ok({ results: [RESPONSE.results[1]!], corrections: [] }),
    );
    render(<App />);
    const box = screen.getByRole('combobox');
    fireEvent.change(box, { target: { value: 'slow' } });
    fireEvent.change(box, { target: { value: 'fast' } });
    expect(await screen.findByText('Synthetic upper-jaw summary')).toBeTruthy();
    await act(async () => releaseFirst({ ok: true, value: RESPONSE }));
    expect(screen.queryByText('Synthetic both-jaws summary')).toBeNull();
  });

  it('when the entries cannot be fetched, nothing is announced and main answers every keystroke', async () => {
    api.catalogSearchIndex = vi.fn(() =>
      Promise.resolve({ ok: false as const, error: { code: 'internal' as const, message: 'Busy' } }),
    );
    render(<App />);
    await waitFor(() => expect(api.catalogSearchIndex).toHaveBeenCalled());
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'cbct' } });
    expect(await screen.findByText('Synthetic both-jaws summary')).toBeTruthy();
    expect(api.catalogSearch).toHaveBeenCalledWith({ query: 'cbct' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Ctrl+K opens the palette from another screen; Esc closes it and returns focus', async () => {
    render(<App />);
    fireEvent.keyDown(window, { key: '7', code: 'Digit7', altKey: true });
    const before = document.activeElement;
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Search codes' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(before);
  });
});

// A synthetic catalog for the window's own search: two groups, enough rows to be cut short.
const doc = (partial: Partial<SearchDoc> & Pick<SearchDoc, 'type' | 'code' | 'title'>): SearchDoc => ({
  detail: partial.type === 'icd10' ? 'ICD-10-CM, billable' : 'Capture + interpretation',
  kind: partial.type === 'cdt' ? 'capture_interpretation' : null,
  validTo: null,
  oftenPriorAuth: false,
  oftenMedical: false,
  billable: true,
  terms: [],
  body: '',
  related: [],
  ...partial,
});
const INDEX: SearchIndexData = {
  docs: [
    ...[1, 2, 3, 4, 5, 6, 7].map((n) =>
      doc({ type: 'cdt', code: `D090${n}`, title: `Synthetic gizmo scan number ${n}` }),
    ),
    doc({
      type: 'icd10',
      code: 'X11.1',
      title: 'Synthetic gizmo stone',
      terms: [{ text: 'pebble in the gizmo duct', source: 'inclusion' }],
    }),
    ...[2, 3, 4, 5, 6].map((n) =>
      doc({ type: 'icd10', code: `X11.${n}`, title: `Synthetic gizmo disease ${n}` }),
    ),
    doc({
      type: 'cpt',
      code: '79999',
      title: 'Synthetic medical number for gizmo scans',
      related: ['D0903'],
    }),
  ],
  sameWords: [],
};

describe('code lookup answered in the window', () => {
  let api: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    useCatalogStore.getState().forgetSearchIndex();
    useNavStore.setState({ screen: 'lookup' });
    useCatalogStore.setState({
      query: '',
      response: { results: [], corrections: [] },
      status: 'idle',
      entry: null,
      paletteOpen: false,
      highlighted: 0,
      expanded: [],
    });
    api = installFakeApi({
      catalogSearchIndex: vi.fn(() => ok(INDEX)),
      catalogSearch: vi.fn(() => ok({ results: [], corrections: [] })),
      catalogGetCode: vi.fn(() => ok(DETAIL)),
    });
  });

  const typeAfterIndex = async (text: string) => {
    render(<App />);
    await waitFor(() => expect(api.catalogSearchIndex).toHaveBeenCalledTimes(1));
    // The entries arrive after the first paint; then every keystroke is answered here.
    await act(async () => undefined);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: text } });
  };

  it('fetches the entries once when the box shows, then answers keystrokes without asking main', async () => {
    await typeAfterIndex('gizmo');
    expect(screen.getAllByRole('option').length).toBeGreaterThan(0);
    expect(api.catalogSearch).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'pebble duct' } });
    expect(screen.getByText('Synthetic gizmo stone')).toBeTruthy();
    expect(screen.getByText(/found by “pebble in the gizmo duct” \(ICD-10-CM inclusion term\)/)).toBeTruthy();
    expect(api.catalogSearch).not.toHaveBeenCalled();
  });

  it('shows each group under its heading, cut short so every group shows; Enter on "Show more" opens the rest', async () => {
    await typeAfterIndex('gizmo');
    const groups = screen.getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-labelledby'))).toEqual([
      'lookup-group-cdt',
      'lookup-group-icd10',
      'lookup-group-cpt',
    ]);
    expect(screen.getByText('CDT codes')).toBeTruthy();
    expect(screen.getByText('ICD-10-CM diagnoses')).toBeTruthy();
    expect(screen.getByText('CPT hints for medical claims')).toBeTruthy();
    // 3 CDT rows + "Show 4 more", 3 diagnoses + "Show 3 more", the CPT hint.
    const options = () => screen.getAllByRole('option').map((o) => o.textContent ?? '');
    expect(options()).toHaveLength(9);
    expect(options()[3]).toBe('Show 4 more CDT codes');
    const box = screen.getByRole('combobox');
    for (let i = 0; i < 3; i++) fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(options()).toHaveLength(12));
    expect(options().filter((t) => t.startsWith('D090'))).toHaveLength(7);
    expect(screen.getAllByRole('option')[3]).toHaveAttribute('aria-selected', 'true');
    expect(api.catalogGetCode).not.toHaveBeenCalled();
  });

  it('Enter on a CPT hint opens the CDT code it goes with', async () => {
    await typeAfterIndex('medical number');
    expect(screen.getAllByRole('option')[0]!.textContent).toContain('79999');
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    await waitFor(() => expect(api.catalogGetCode).toHaveBeenCalledWith({ code: 'D0903' }));
  });
});
