import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useCatalogStore } from '../../src/renderer/src/stores/catalogStore';
import { useNavStore } from '../../src/renderer/src/stores/navStore';
import type { CodeDetail, SearchResponse } from '../../src/shared/catalog/catalogTypes';
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

describe('code lookup', () => {
  let api: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    useNavStore.setState({ screen: 'lookup' });
    useCatalogStore.setState({
      query: '',
      response: { results: [], corrections: [] },
      status: 'idle',
      entry: null,
      paletteOpen: false,
      highlighted: 0,
    });
    api = installFakeApi({
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
