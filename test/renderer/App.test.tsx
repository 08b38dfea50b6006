import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useCatalogStore } from '../../src/renderer/src/stores/catalogStore';
import { useErrorStore } from '../../src/renderer/src/stores/errorStore';
import { useNavStore } from '../../src/renderer/src/stores/navStore';
import { useSettingsStore } from '../../src/renderer/src/stores/settingsStore';
import { installFakeApi, READY_SETTINGS } from './fakeApi';

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

function installApi(overrides: Partial<Window['api']> = {}) {
  installFakeApi({
    appInfo: vi.fn(() =>
      ok({
        version: '0.1.0',
        dbPath: '/data/verifydesk.sqlite',
        schemaVersion: 1,
        platform: 'linux',
        dataPathWarning: null,
      }),
    ),
    settingsGet: vi.fn(() => ok(READY_SETTINGS)),
    settingsUpdate: vi.fn(() => ok(READY_SETTINGS)),
    plansList: vi.fn(() => ok([])),
    sampleStatus: vi.fn(() => ok({ payers: 0, plans: 0 })),
    usersList: vi.fn(() => ok([])),
    auditList: vi.fn(() => ok([])),
    backupsList: vi.fn(() =>
      ok({ folder: '/data/backups', copyFolder: '', lastCopy: null, restoreProblem: null, backups: [] }),
    ),
    ...overrides,
  });
}

describe('app shell', () => {
  beforeEach(() => {
    useNavStore.setState({ screen: 'lookup', settingsSection: 'office' });
    useCatalogStore.setState({
      query: '',
      response: { results: [], corrections: [] },
      status: 'idle',
      entry: null,
      paletteOpen: false,
    });
    useErrorStore.setState({ error: null });
    installApi();
    useSettingsStore.setState({ info: null });
  });

  it('opens on Lookup with the search box ready for typing', () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Code lookup');
    expect(document.activeElement).toBe(screen.getByRole('combobox'));
  });

  it('Alt+digit moves between screens and puts focus on the new screen title', () => {
    render(<App />);
    fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true });
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent('Payers and plans');
    expect(document.activeElement).toBe(heading);
    expect(screen.getByRole('button', { name: /Payers/ })).toHaveAttribute('aria-current', 'page');
  });

  it('Settings shows one section at a time; About shows the version and database location', async () => {
    render(<App />);
    act(() => useNavStore.getState().go('settings'));
    expect(await screen.findByRole('heading', { name: 'Office header' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Audit trail' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'About this installation' }));
    expect(await screen.findByTestId('db-path')).toHaveTextContent('/data/verifydesk.sqlite');
    expect(screen.getByTestId('app-version')).toHaveTextContent('0.1.0');
  });

  it('shows a validation message beside the field, not in the banner', async () => {
    installApi({
      settingsUpdate: vi.fn(() =>
        Promise.resolve({
          ok: false as const,
          error: {
            code: 'validation' as const,
            message: 'An NPI is exactly 10 digits.',
            field: 'office.npi',
          },
        }),
      ),
    });
    render(<App />);
    act(() => useNavStore.getState().go('settings'));
    const npi = await screen.findByLabelText(/NPI/);
    // A number that passes the window's own check, refused by main: main's message goes beside the field.
    fireEvent.change(npi, { target: { value: '1245319599' } });
    fireEvent.submit(npi.closest('form')!);
    await waitFor(() => expect(npi).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('An NPI is exactly 10 digits.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a failed call to main in the error banner; Esc dismisses it', async () => {
    installApi({
      settingsGet: vi.fn(() =>
        Promise.resolve({
          ok: false as const,
          error: { code: 'internal' as const, message: 'Disk is not answering.' },
        }),
      ),
    });
    render(<App />);
    act(() => useNavStore.getState().go('settings'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Disk is not answering.');
    fireEvent.keyDown(window, { key: 'Escape', code: 'Escape' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
