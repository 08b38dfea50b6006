// The app's screens in navigation order; Alt+<shortcut> opens each one.

export type ScreenId = 'lookup' | 'call' | 'payers' | 'patients' | 'estimate' | 'records' | 'settings';

export interface ScreenEntry {
  id: ScreenId;
  label: string;
  shortcut: string;
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'lookup', label: 'Lookup', shortcut: '1' },
  { id: 'call', label: 'Call', shortcut: '2' },
  { id: 'payers', label: 'Payers', shortcut: '3' },
  { id: 'patients', label: 'Patients', shortcut: '4' },
  { id: 'estimate', label: 'Estimate', shortcut: '5' },
  { id: 'records', label: 'Records', shortcut: '6' },
  { id: 'settings', label: 'Settings', shortcut: '7' },
];
