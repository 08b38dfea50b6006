// The last failed call to main, shown in the error banner until dismissed.
import { create } from 'zustand';
import type { IpcError } from '../../../shared/ipc/result';

interface ErrorState {
  error: IpcError | null;
  report(error: IpcError): void;
  dismiss(): void;
}

export const useErrorStore = create<ErrorState>((set) => ({
  error: null,
  report: (error) => set({ error }),
  dismiss: () => set({ error: null }),
}));
