// Practice settings and app facts for the Settings screen.
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { Office, Settings } from '../../../shared/settings/settings';
import { ApiError, call } from '../lib/api';
import { FORM_ERROR, fieldErrorsFrom, type FieldErrors } from '../lib/fieldErrors';

const OFFICE_FIELDS: Array<keyof Office> = ['name', 'addressLine1', 'addressLine2', 'phone', 'npi', 'tin'];
import { nowMs } from '../lib/clock';

interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  settings: Settings | null;
  info: AppInfo | null;
  /** Message per office field (or FORM_ERROR), from main's validation. */
  fieldErrors: FieldErrors;
  savedAt: number | null;
  load(): Promise<void>;
  saveOffice(office: Office): Promise<boolean>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  status: 'idle',
  settings: null,
  info: null,
  fieldErrors: {},
  savedAt: null,
  load: async () => {
    set({ status: 'loading' });
    try {
      const [settings, info] = await Promise.all([call('settings:get', {}), call('app:info', {})]);
      set({ status: 'ready', settings, info });
    } catch {
      set({ status: 'error' });
    }
  },
  saveOffice: async (office) => {
    set({ fieldErrors: {} });
    try {
      const settings = await call('settings:update', { office });
      set({ settings, savedAt: nowMs() });
      return true;
    } catch (error) {
      set({
        fieldErrors: fieldErrorsFrom(error, OFFICE_FIELDS) ?? {
          [FORM_ERROR]: error instanceof ApiError ? error.message : 'Not saved.',
        },
      });
      return false;
    }
  },
}));
