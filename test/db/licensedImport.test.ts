import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import * as catalogRepo from '../../src/main/db/repositories/catalogRepo';
import { createCatalogService } from '../../src/main/services/catalogService';
import { AppError } from '../../src/shared/ipc/result';
import { openTestAppDb } from '../helpers/appDb';
import { useTempDirs } from '../helpers/tempDir';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Everything the catalog consists of, hashed: equal hashes mean the catalog is exactly as it was. */
function catalogHash(db: Db): string {
  const dump = ['catalog_codes', 'icd10_codes', 'licensed_cdt_texts']
    .map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()))
    .join('\n');
  return createHash('sha256').update(dump).digest('hex');
}

// Synthetic stand-in for a licensed file: same shape, invented wording.
const GOOD = [
  'Code,Nomenclature,Descriptor',
  'D0367,"Synthetic nomenclature for both jaws","Synthetic descriptor text, zebraword marker"',
  'D0368,Synthetic TMJ nomenclature,Synthetic TMJ descriptor',
  'D1110,Synthetic cleaning nomenclature,Outside the imaging catalog',
].join('\r\n');

describe('licensed CDT import', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const { db, now } = await openTestAppDb(tempDir);
    return { db, catalog: createCatalogService(db.sqlite!, now) };
  };

  it('previews a good file: new, changed and unknown codes, nothing written', async () => {
    const { db, catalog } = await setup();
    const before = catalogHash(db.sqlite!);
    expect(catalog.previewImport('cdt.csv', utf8(GOOD))).toEqual({
      fileName: 'cdt.csv',
      rowCount: 3,
      newCount: 2,
      changedCount: 0,
      unchangedCount: 0,
      unknownCodes: ['D1110'],
      unknownCount: 1,
      issues: [],
      issueCount: 0,
    });
    expect(catalogHash(db.sqlite!)).toBe(before);
    await db.close();
  });

  it('applies it: official text shown beside our summary and searchable; a re-import is unchanged', async () => {
    const { db, catalog } = await setup();
    expect(catalog.search('zebraword').results).toEqual([]);
    expect(catalog.applyImport('cdt.csv', utf8(GOOD))).toEqual({ imported: 2, skippedUnknown: 1 });
    const detail = catalog.getCode('D0367');
    expect(detail.licensed).toMatchObject({
      nomenclature: 'Synthetic nomenclature for both jaws',
      sourceFile: 'cdt.csv',
    });
    expect(detail.code.summary).toMatch(/Cone-beam CT/);
    expect(catalog.search('zebraword').results.map((r) => r.code)).toEqual(['D0367']);
    expect(catalog.search('zebrawrd').results.map((r) => r.code)).toEqual(['D0367']); // new word, typo-tolerant too
    expect(catalog.previewImport('cdt.csv', utf8(GOOD))).toMatchObject({
      newCount: 0,
      changedCount: 0,
      unchangedCount: 2,
    });
    const changed = GOOD.replace('Synthetic TMJ descriptor', 'Revised synthetic TMJ descriptor');
    expect(catalog.previewImport('cdt.csv', utf8(changed))).toMatchObject({
      changedCount: 1,
      unchangedCount: 1,
    });
    expect(
      db.sqlite!.prepare('SELECT count(*) AS n FROM licensed_cdt_texts WHERE code = ?').get('D1110'),
    ).toEqual({
      n: 0,
    });
    await db.close();
  });

  it.each([
    ['bad rows', 'D0367,Fine,Fine\nNOPE,Bad,Row\nD0368,,Empty name\n', [2, 3]],
    ['a duplicate code', 'D0367,One,x\nD0368,Two,x\nd0367,Again,x\n', [3]],
    ['a wrong column count', 'D0367,Only two\n', [1]],
  ])('refuses %s with line numbers and leaves the catalog exactly as it was', async (_label, text, lines) => {
    const { db, catalog } = await setup();
    catalog.applyImport('first.csv', utf8(GOOD));
    const before = catalogHash(db.sqlite!);
    const preview = catalog.previewImport('bad.csv', utf8(text));
    expect(preview.issues.map((i) => i.line)).toEqual(lines);
    expect(() => catalog.applyImport('bad.csv', utf8(text))).toThrow(AppError);
    expect(() => catalog.applyImport('bad.csv', utf8(text))).toThrow(/Nothing was imported/);
    expect(catalogHash(db.sqlite!)).toBe(before);
    await db.close();
  });

  it('refuses a file in the wrong encoding and leaves the catalog exactly as it was', async () => {
    const { db, catalog } = await setup();
    const before = catalogHash(db.sqlite!);
    const latin1 = new Uint8Array([
      ...utf8('D0367,Radiograf'),
      0xed,
      ...utf8('a panor'),
      0xe1,
      ...utf8('mica,x\n'),
    ]);
    expect(catalog.previewImport('latin1.csv', latin1).issues[0]!.message).toMatch(/not UTF-8/);
    expect(() => catalog.applyImport('latin1.csv', latin1)).toThrow(/not UTF-8/);
    expect(catalogHash(db.sqlite!)).toBe(before);
    await db.close();
  });

  it('a failure while applying rolls back every row already written', async () => {
    const { db, catalog } = await setup();
    const before = catalogHash(db.sqlite!);
    const write = catalogRepo.upsertLicensedTexts;
    // The first row is written, then the disk fills: the transaction must take the written row back.
    const spy = vi.spyOn(catalogRepo, 'upsertLicensedTexts').mockImplementation((db_, rows) => {
      write(db_, rows.slice(0, 1));
      throw new Error('disk full while writing');
    });
    try {
      expect(() => catalog.applyImport('cdt.csv', utf8(GOOD))).toThrow('disk full while writing');
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    expect(catalogHash(db.sqlite!)).toBe(before);
    expect(db.sqlite!.inTransaction).toBe(false);
    await db.close();
  });
});
