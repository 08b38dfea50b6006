// Lint rules, including the ring rules from ARCHITECTURE.md: each folder may import only its own ring.
import js from '@eslint/js';
import sdl from '@microsoft/eslint-plugin-sdl';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

const NODE_AND_ELECTRON = [
  { group: ['electron', 'electron/*'], message: 'Only src/main and src/preload may use electron.' },
  {
    group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'],
    message: 'Node APIs belong in src/main.',
  },
  { group: ['better-sqlite3', 'better-sqlite3-*'], message: 'SQLite is used only in src/main.' },
];
const REACT = [
  { group: ['react', 'react-dom', 'react-dom/*', 'zustand'], message: 'UI code belongs in src/renderer.' },
];
const MAIN = [
  { group: ['**/main/**', '**/main'], message: 'The renderer reaches main only through window.api.' },
];
const RENDERER = [{ group: ['**/renderer/**'], message: 'Main and shared code never import the renderer.' }];

const SHIPPED = ['src/**/*.{ts,tsx}'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // SEC-16: Microsoft's SDL rules (the electron and common sets, plus its React set for the renderer) over
  // the code we ship. They supplement the hardening tests, which check what these rules cannot see.
  ...[...sdl.configs.common, ...sdl.configs.electron].map((config) => ({ ...config, files: SHIPPED })),
  ...sdl.configs.react.map((config) => ({ ...config, files: ['src/renderer/**/*.{ts,tsx}'] })),
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([...NODE_AND_ELECTRON, ...REACT, ...MAIN, ...RENDERER]),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: restrict([...REACT, ...RENDERER]),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([
      ...REACT,
      ...MAIN,
      ...RENDERER,
      {
        group: ['zod', 'better-sqlite3', 'node:*'],
        message: 'The sandboxed preload may bundle only electron and the channel list.',
      },
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([...NODE_AND_ELECTRON, ...MAIN]),
    },
  },
);
