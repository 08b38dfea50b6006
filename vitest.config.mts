import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const nodeProject = (name: string, include: string[], extra: Record<string, unknown> = {}) => ({
  test: {
    name,
    include,
    environment: 'node',
    setupFiles: ['test/setup/requireModernNode.ts', 'test/setup/fastCheckSeed.ts'],
    ...extra,
  },
});

export default defineConfig({
  test: {
    projects: [
      nodeProject('unit', ['test/unit/**/*.test.ts']),
      nodeProject('db', ['test/db/**/*.test.ts'], { testTimeout: 60_000 }),
      nodeProject('ipc', ['test/ipc/**/*.test.ts']),
      nodeProject('build', ['test/build/**/*.test.ts']),
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/setup/requireModernNode.ts', 'test/setup/renderer.ts'],
        },
      },
      // The browser suite drives one Chromium at a time; files run one after another.
      nodeProject('e2e', ['test/e2e/**/*.test.ts'], {
        testTimeout: 60_000,
        hookTimeout: 60_000,
        fileParallelism: false,
      }),
    ],
  },
});
