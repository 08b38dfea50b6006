// Electron entry point: lifecycle only. Everything is wired in bootstrap.ts.
import * as electron from 'electron';
import path from 'node:path';
import { bootstrap } from './bootstrap';

bootstrap({ electron, outDir: path.join(__dirname, '..'), env: process.env });
