// Packaging (electron-builder 26): Windows installer (NSIS), macOS and Linux. The Electron fuses come
// from build/fuses.json, the one place they are defined, and are flipped in the packaged binary here.
// It cannot run on our build machines (no Electron binary download); see the README.
// CommonJS is what electron-builder loads; the fuse map stays plain JSON so tests read the same file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fuses = require('./build/fuses.json');

module.exports = {
  appId: 'com.verifydesk.desktop',
  productName: 'VerifyDesk',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only the built app: out/ holds main, preload and renderer (the catalog is bundled into main).
  files: ['out/**/*', 'package.json'],
  asar: true,
  // Node-API prebuilds ship inside better-sqlite3-multiple-ciphers: nothing is rebuilt (SEC-13).
  npmRebuild: false,
  electronFuses: fuses,
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], hardenedRuntime: true, category: 'public.app-category.medical' },
  linux: { target: ['AppImage', 'deb'], category: 'Office' },
};
