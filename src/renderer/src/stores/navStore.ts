import { create } from 'zustand';
import type { ScreenId } from '../screens/screenList';

interface NavState {
  screen: ScreenId;
  go(screen: ScreenId): void;
}

export const useNavStore = create<NavState>((set) => ({
  screen: 'lookup',
  go: (screen) => set({ screen }),
}));
