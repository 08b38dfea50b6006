// SEC-16, the other half: Microsoft's SDL lint rules (common + electron, and its React set for the
// renderer) run inside `npm run lint` over everything in src/, which fails on any error. These tests prove
// that gate is live: the rules are switched on as errors for each ring, and insecure code fails them.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

const SDL_RULES = [
  '@microsoft/sdl/no-electron-node-integration',
  '@microsoft/sdl/no-inner-html',
  '@microsoft/sdl/no-insecure-url',
  '@microsoft/sdl/no-postmessage-star-origin',
  'no-eval',
  'no-new-func',
];

async function findings(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

/** Each rule's severity (2 = error) in the configuration ESLint computes for a file. */
async function severities(file: string): Promise<Record<string, number>> {
  const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as {
    rules: Record<string, [number, ...unknown[]]>;
  };
  return Object.fromEntries(Object.entries(config.rules).map(([rule, [level]]) => [rule, level]));
}

describe('SDL lint gate', () => {
  it.each([
    'src/main/index.ts',
    'src/preload/index.ts',
    'src/renderer/src/App.tsx',
    'src/shared/money/cents.ts',
  ])('has the SDL rules switched on as errors for %s', async (file) => {
    const rules = await severities(file);
    for (const rule of SDL_RULES) expect(rules[rule], rule).toBe(2);
  });

  it('adds the React rules in the renderer', async () => {
    const rules = await severities('src/renderer/src/App.tsx');
    expect(rules['react/no-danger']).toBe(2);
    expect(rules['react/iframe-missing-sandbox']).toBe(2);
  });

  it('fails an insecure window, an HTML sink, a plain-http URL and eval (control)', async () => {
    const insecure = [
      "import { BrowserWindow } from 'electron';",
      'export function open(): BrowserWindow {',
      '  const win = new BrowserWindow({',
      '    webPreferences: { nodeIntegration: true, contextIsolation: false },',
      '  });',
      "  void win.loadURL('http://payer.example/portal');",
      '  return win;',
      '}',
      'export function show(el: HTMLElement, html: string): void {',
      '  el.innerHTML = html;',
      "  window.postMessage(html, '*');",
      '  eval(html);',
      '}',
      '',
    ].join('\n');
    const rules = await findings(insecure, 'src/main/insecureFixture.ts');
    expect(rules).toEqual(
      expect.arrayContaining([
        '@microsoft/sdl/no-electron-node-integration',
        '@microsoft/sdl/no-insecure-url',
        '@microsoft/sdl/no-inner-html',
        '@microsoft/sdl/no-postmessage-star-origin',
        'no-eval',
      ]),
    );
  });

  it('fails dangerouslySetInnerHTML in a component (control)', async () => {
    const component = [
      'export function Note({ html }: { html: string }) {',
      '  return <div dangerouslySetInnerHTML={{ __html: html }} />;',
      '}',
      '',
    ].join('\n');
    expect(await findings(component, 'src/renderer/src/NoteFixture.tsx')).toContain('react/no-danger');
  });
});
