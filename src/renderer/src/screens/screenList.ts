// The app's screens in navigation order; Alt+<shortcut> opens each one.

export type ScreenId =
  'lookup' | 'call' | 'payers' | 'patients' | 'estimate' | 'records' | 'todo' | 'settings';

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
  // Added after the others had their keys: it keeps Alt+8 so nobody's fingers have to relearn.
  { id: 'todo', label: 'To-do', shortcut: '8' },
  { id: 'settings', label: 'Settings', shortcut: '7' },
];
