// DB-13: when the disk fills mid-action, SQLite rolls the whole action back; the window is told plainly
// that nothing was saved, earlier data is intact and the database stays healthy. The disk is "filled"
// by capping the file's page count just above its size.
import { describe, expect, it } from 'vitest';
import { openSignedInApp } from '../helpers/appDispatch';
import { useTempDirs } from '../helpers/tempDir';

describe('disk full', () => {
  const tempDir = useTempDirs();

  it('rolls back the whole import with a clear disk_full error; the same import works once there is room', async () => {
    const { db, send, reported } = await openSignedInApp(tempDir);
    // A licensed code file with long descriptors: far more than two pages of writing.
    const codes = (
      db.sqlite!.prepare('SELECT code FROM catalog_codes LIMIT 40').all() as Array<{ code: string }>
    ).map((r) => r.code);
    const csv = [
      'Code,Nomenclature,Descriptor',
      ...codes.map((c) => `${c},Synthetic nomenclature ${c},"${'Synthetic descriptor words. '.repeat(30)}"`),
    ].join('\r\n');
    const file = { fileName: 'cdt.csv', contentBase64: Buffer.from(csv).toString('base64') };
    const counts = () =>
      db
        .sqlite!.prepare(
          `SELECT (SELECT count(*) FROM licensed_cdt_texts) AS texts, (SELECT count(*) FROM audit_log) AS audit,
             (SELECT count(*) FROM users) AS users`,
        )
        .get();
    const before = counts();

    const pages = db.sqlite!.pragma('page_count', { simple: true }) as number;
    db.sqlite!.pragma(`max_page_count = ${pages + 2}`);
    const full = await send('catalog:importApply', file);
    expect(full).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect((full as { error: { message: string } }).error.message).toMatch(/nothing .* was saved/);
    expect(db.inTransaction).toBe(false);
    expect(counts()).toEqual(before);
    expect(db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reported).toEqual([]); // an expected condition, not a crash report

    db.sqlite!.pragma('max_page_count = 1073741823');
    const roomy = await send('catalog:importApply', file);
    expect(roomy).toMatchObject({ ok: true, value: { imported: codes.length } });
  });
});
