// A policy pack may be 10 MB (PACK_MAX_BYTES): the IPC bound on the file's base64 text follows from that
// limit (it used to be the CSV one, so packs over 5.25 MB were refused at the door with a schema message).
import { describe, expect, it } from 'vitest';
import { PACK_FORMAT, PACK_MAX_BYTES, PACK_VERSION } from '../../src/shared/policy/policyPack';
import { openSignedInApp } from '../helpers/appDispatch';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_NOW } from '../helpers/testClock';

/** A valid, empty pack padded with JSON whitespace to exactly `bytes`. */
function packOf(bytes: number): string {
  const body = JSON.stringify({
    format: PACK_FORMAT,
    version: PACK_VERSION,
    exportedAt: TEST_NOW.toISOString(),
    exportedFrom: 'Test desk',
    payers: [],
    statements: [],
  });
  return Buffer.from(`${body}${' '.repeat(bytes - body.length)}`).toString('base64');
}

describe('policy pack size', () => {
  const tempDir = useTempDirs();

  it('a pack just under 10 MB is read and previewed; one over it is refused with the limit in words', async () => {
    const { send } = await openSignedInApp(tempDir);
    const under = await send('packs:importPreview', {
      fileName: 'big.json',
      contentBase64: packOf(PACK_MAX_BYTES - 1024),
    });
    expect(under).toMatchObject({ ok: true, value: { fileName: 'big.json', issues: [] } });
    const over = await send('packs:importPreview', {
      fileName: 'too-big.json',
      contentBase64: packOf(PACK_MAX_BYTES + 3),
    });
    expect(over).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'The file is larger than 10 MB.' },
    });
  });
});
