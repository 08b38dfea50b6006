import { create } from 'zustand';
import type { ScreenId } from '../screens/screenList';

/** Sections of the Settings screen, shown one at a time. */
export type SettingsSection =
  | 'about'
  | 'office'
  | 'session'
  | 'backups'
  | 'users'
  | 'audit'
  | 'sites'
  | 'key'
  | 'officeDatabase'
  | 'transfer'
  | 'codes'
  | 'sample';

interface NavState {
  screen: ScreenId;
  settingsSection: SettingsSection;
  go(screen: ScreenId): void;
  /** Opens Settings at one section (e.g. the database key, from the recovery-code notice). */
  openSettings(section: SettingsSection): void;
  setSettingsSection(section: SettingsSection): void;
}

export const useNavStore = create<NavState>((set) => ({
  screen: 'lookup',
  settingsSection: 'office',
  go: (screen) => set({ screen }),
  openSettings: (settingsSection) => set({ screen: 'settings', settingsSection }),
  setSettingsSection: (settingsSection) => set({ settingsSection }),
}));
