// First start: an administrator with no office header is asked for it before the app opens; an NPI that
// fails its check digit is refused beside the field, before anything is sent.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { useNavStore } from '../../src/renderer/src/stores/navStore';
import { useSettingsStore } from '../../src/renderer/src/stores/settingsStore';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../src/shared/settings/settings';
import { installFakeApi, READY_SETTINGS } from './fakeApi';

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

describe('office setup at first start', () => {
  let saved: SettingsPatch[];
  beforeEach(() => {
    saved = [];
    useNavStore.setState({ screen: 'lookup' });
    installFakeApi({
      settingsGet: vi.fn(() => ok(DEFAULT_SETTINGS)),
      settingsUpdate: vi.fn((patch: SettingsPatch) => {
        saved.push(patch);
        return ok(READY_SETTINGS);
      }),
      appInfo: vi.fn(() =>
        ok({
          version: '0.1.0',
          dbPath: '/data/v.sqlite',
          schemaVersion: 1,
          platform: 'linux',
          dataPathWarning: null,
        }),
      ),
    });
    // A fresh install: nothing loaded yet, the office empty.
    useSettingsStore.setState({ status: 'idle', settings: null, info: null, fieldErrors: {}, savedAt: null });
  });

  it('asks for the office before the app; refuses an NPI that fails its check digit; then opens', async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Set up your office' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Screens' })).toBeNull();
    const type = (label: RegExp, value: string) =>
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    type(/Practice name/, 'Synthetic Smiles Dental (test)');
    type(/Street address/, '1 Example Way');
    type(/City, state, ZIP/, 'Testville, ST 00000');
    type(/Phone/, '555-0100');
    type(/NPI/, '1234567890');
    type(/TIN/, '123456789');
    fireEvent.click(screen.getByRole('button', { name: 'Save and open VerifyDesk' }));
    expect(await screen.findByText(/This NPI fails its check digit/)).toBeTruthy();
    expect(screen.getByLabelText(/NPI/)).toHaveAttribute('aria-invalid', 'true');
    expect(saved).toEqual([]);

    type(/NPI/, '1234567893');
    fireEvent.click(screen.getByRole('button', { name: 'Save and open VerifyDesk' }));
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Screens' })).toBeTruthy());
    // The TIN typed as nine digits is sent written the way printouts show it.
    expect(saved).toEqual([{ office: { ...READY_SETTINGS.office } }]);
  });

  it('"Do this later" opens the app for now', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Do this later' }));
    expect(screen.getByRole('navigation', { name: 'Screens' })).toBeTruthy();
  });
});
