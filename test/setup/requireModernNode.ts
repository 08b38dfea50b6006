// better-sqlite3-multiple-ciphers 13, vitest 5 and jsdom need Node 22 or newer; fail at once with the reason, not deep in a test.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  throw new Error(
    `These tests need Node 22 or newer (found ${process.versions.node}). Run them through .ci/run, or use the Node version in .nvmrc.`,
  );
}
