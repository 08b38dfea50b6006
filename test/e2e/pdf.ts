// Reading a printed PDF the way a person would: its words (pdftotext), its page count (pdfinfo), and a
// PNG of it (pdftoppm) kept with the screenshots to look at.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SCREENSHOT_DIR } from './harness';

/** The printed words in reading order, with runs of whitespace (line and cell breaks) as one space. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}
export function toPng(file: string, name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const prefix = path.join(SCREENSHOT_DIR, name);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, prefix]);
  copyFileSync(file, `${prefix}.pdf`);
  return `${prefix}.png`;
}
