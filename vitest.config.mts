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
      // ESLint and Electronegativity load their rules on first use: seconds on a busy machine.
      nodeProject('build', ['test/build/**/*.test.ts'], { testTimeout: 30_000 }),
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
      // A screen answers in milliseconds, but a busy machine (two cores, CI beside other work) can take
      // seconds; polls wait up to five before a test fails.
      nodeProject('e2e', ['test/e2e/**/*.test.ts'], {
        testTimeout: 60_000,
        hookTimeout: 60_000,
        fileParallelism: false,
        expect: { poll: { timeout: 5_000 } },
      }),
    ],
  },
});
