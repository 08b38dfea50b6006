import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AppDb } from '../../src/main/db/appDb';
import { createCatalogService } from '../../src/main/services/catalogService';
import { openTestAppDb } from '../helpers/appDb';
import { payerInput, planInput } from '../helpers/policyFixtures';
import { rows } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { startedCallId } from '../helpers/callDriver';
import { atNoon, fixedClock, daysFromToday } from '../helpers/testClock';
import { testServices } from '../helpers/services';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function dbHash(db: AppDb): Promise<string> {
  const tables = ['payers', 'plans', 'observations', 'plan_allowed_fees'];
  const dumps: string[] = [];
  for (const t of tables) dumps.push(JSON.stringify(await rows(db, `SELECT * FROM ${t} ORDER BY 1`)));
  return createHash('sha256').update(dumps.join('\n')).digest('hex');
}

/**
 * What a pack knows, whichever computer exported it: the payers and plans, and each statement by its id
 * with what was said, when and by which rep (an import re-sources statements as "from a pack").
 */
function knowledge(pack: Awaited<ReturnType<ReturnType<typeof testServices>['packs']['exportPack']>>) {
  return {
    payers: pack.payers,
    statements: pack.statements
      .map((s) => ({
        uid: s.uid,
        payer: s.payer,
        plan: s.plan,
        code: s.code,
        field: s.field,
        value: s.value,
        observedOn: s.observedOn,
        repName: s.repName,
        referenceNumber: s.referenceNumber,
      }))
      .sort((x, y) => x.uid.localeCompare(y.uid)),
  };
}

describe('policy packs', () => {
  const tempDir = useTempDirs();
  const workstation = async (clock = fixedClock()) => {
    const { db, now, catalog } = await openTestAppDb(tempDir, clock);
    const policies = testServices(db, now, { actor: () => 'Test User' }).policies;
    return {
      db,
      now,
      policies,
      packs: testServices(db, now).packs,
      catalog: createCatalogService(catalog, now),
    };
  };
  const filled = async () => {
    const a = await workstation();
    const payer = await a.policies.savePayer(null, { ...payerInput(), phonePriorAuth: '555-0199' });
    const plan = await a.policies.savePlan(null, planInput(payer.id));
    const callId = await startedCallId(a.db, a.now, plan.id);
    await a.policies.setBenefits(plan.id, {
      annualMaxCents: 150_000,
      coverageByCategory: { diagnostic: 8000 },
    });
    await a.policies.setPolicy(
      plan.id,
      'D0367',
      { covered: 'yes', coverageBp: 5000, priorAuth: 'required' },
      {
        source: 'call',
        callId,
        repName: 'Rep Synthetic',
        referenceNumber: 'REF-777',
      },
    );
    await a.policies.setPolicy(plan.id, 'D0364', { covered: 'no', coverageBp: 0 });
    return { ...a, plan };
  };
  const file = (pack: unknown) => utf8(JSON.stringify(pack, null, 2));

  it('round-trips: export, import into an empty workstation, export again: the same knowledge', async () => {
    const a = await filled();
    const exported = await a.packs.exportPack();
    const b = await workstation();
    // 2 plan benefits + 3 answers for D0367 + 2 for D0364.
    const preview = await b.packs.preview('pack.json', file(exported));
    expect(preview).toMatchObject({
      payers: { new: 1, existing: 0 },
      plans: { new: 1, existing: 0 },
      issues: [],
    });
    expect(preview.answers).toEqual({ new: 7, changed: 0, unchanged: 0, conflicting: 0 });
    await b.packs.apply('pack.json', file(exported));
    expect(knowledge(await b.packs.exportPack())).toEqual(knowledge(exported));
    const d0367 = (await b.policies.getMatrix((await b.policies.listPlans(null))[0]!.id)).rows.find(
      (r) => r.code === 'D0367',
    )!;
    // From the pack here, with the rep and reference kept, and the original source in words.
    expect(d0367.cells.priorAuth.source).toMatchObject({
      source: 'pack',
      repName: 'Rep Synthetic',
      referenceNumber: 'REF-777',
      recordedBy: 'Test User',
      sourceDetail: expect.stringMatching(
        /^pack\.json, imported .*: said on a call .*Rep Synthetic, ref REF-777; recorded by Test User at Test desk$/,
      ),
    });
    // Importing the same pack again changes nothing.
    const before = await dbHash(b.db);
    expect((await b.packs.preview('pack.json', file(exported))).answers).toEqual({
      new: 0,
      changed: 0,
      unchanged: 7,
      conflicting: 0,
    });
    await b.packs.apply('pack.json', file(exported));
    expect(await dbHash(b.db)).toBe(before);
    await a.db.close();
    await b.db.close();
  });

  it('takes newer answers, keeps ours when ours is newer, and says which', async () => {
    const a = await filled();
    const older = await a.packs.exportPack();
    const later = await workstation(fixedClock(atNoon(daysFromToday(3))));
    await later.packs.apply('pack.json', file(older));
    const plan = (await later.policies.listPlans(null))[0]!;
    await later.policies.setPolicy(plan.id, 'D0367', { coverageBp: 8000 }); // ours, newer than the pack's answer
    const newerPack = await structuredClone(older);
    const said = (code: string, field: string) =>
      newerPack.statements.find((x) => x.code === code && x.field === field)!;
    // Another desk, later: D0364 is covered after all (newer than what we have).
    newerPack.statements.push({
      ...said('D0364', 'covered'),
      uid: 'fresh-statement-d0364-covered',
      value: 'yes',
      observedOn: daysFromToday(3),
      recordedAt: atNoon(daysFromToday(3), 11).toISOString(),
      recordedBy: 'Other Desk',
      repName: 'Rep Two',
      referenceNumber: 'REF-9',
    });
    // ...and a D0367 percent stated before ours: a conflict, ours stays.
    newerPack.statements.push({
      ...said('D0367', 'coverageBp'),
      uid: 'older-statement-d0367-coverage',
      value: 6000,
      observedOn: daysFromToday(1),
      recordedAt: atNoon(daysFromToday(1)).toISOString(),
    });
    const preview = await later.packs.preview('newer.json', file(newerPack));
    expect(preview.answers).toMatchObject({ changed: 1, conflicting: 1 });
    expect(preview.conflicts).toEqual([
      expect.stringContaining('D0367: coverageBp (ours is newer; ours stays, theirs is kept in the history)'),
    ]);
    await later.packs.apply('newer.json', file(newerPack));
    const rows = (await later.policies.getMatrix(plan.id)).rows;
    expect(rows.find((r) => r.code === 'D0364')!.cells.covered.value).toBe('yes');
    expect(rows.find((r) => r.code === 'D0367')!.cells.coverageBp.value).toBe(8000);
    // Theirs is in the history all the same.
    expect(rows.find((r) => r.code === 'D0367')!.cells.coverageBp.statements).toBe(3);
    await a.db.close();
    await later.db.close();
  });

  it('reads a version 1 pack (before the ledger) as statements; importing it twice adds nothing', async () => {
    const b = await workstation();
    const stated = atNoon(daysFromToday(-20)).toISOString();
    const v1 = {
      format: 'verifydesk-policy-pack',
      version: 1,
      exportedAt: stated,
      provenance: [
        {
          key: 'p1',
          source: 'call',
          recordedBy: 'Old Desk',
          recordedAt: stated,
          repName: 'Rep Old',
          referenceNumber: 'R-1',
        },
      ],
      payers: [
        {
          ...payerInput('Fictional Version One Dental'),
          defaults: [],
          plans: [
            {
              ...planInput(1, 'Old Plan'),
              payerId: undefined,
              benefits: {
                networkStatus: 'in_network',
                benefitYearStartMonth: null,
                annualMaxCents: 100_000,
                deductibleIndividualCents: null,
                deductibleFamilyCents: null,
                deductibleWaivedCategories: null,
                coverageByCategory: null,
                waitingPeriods: null,
                cobMethod: 'unknown',
              },
              benefitProvenance: { networkStatus: 'p1', annualMaxCents: 'p1' },
              policies: [],
            },
          ],
        },
      ],
    };
    const bytes = file(v1);
    expect(await b.packs.preview('old.json', bytes)).toMatchObject({ issues: [], answers: { new: 2 } });
    await b.packs.apply('old.json', bytes);
    const plan = await b.policies.getPlan((await b.policies.listPlans(null))[0]!.id);
    expect(plan.benefits.annualMaxCents).toMatchObject({
      value: 100_000,
      source: { source: 'pack', repName: 'Rep Old', referenceNumber: 'R-1', observedOn: stated.slice(0, 10) },
    });
    const before = await dbHash(b.db);
    expect((await b.packs.preview('old.json', bytes)).answers).toMatchObject({ new: 0, unchanged: 2 });
    await b.packs.apply('old.json', bytes);
    expect(await dbHash(b.db)).toBe(before);
    await b.db.close();
  });

  it('never carries the licensed code text or sample payers', async () => {
    const a = await filled();
    a.catalog.applyImport('cdt.csv', utf8('D0367,Synthetic licensed name,LICENSEDMARKER text\n'));
    const text = JSON.stringify(await a.packs.exportPack());
    expect(text).not.toContain('LICENSEDMARKER');
    expect(text).not.toContain('SAMPLE');
    await a.db.close();
  });

  const broken: Array<[string, (pack: Record<string, unknown>) => unknown, RegExp, number | null]> = [
    ['a newer version', (p) => ({ ...p, version: 3 }), /newer VerifyDesk \(pack version 3\)/, 3],
    ['another format', (p) => ({ ...p, format: 'something-else' }), /not a VerifyDesk policy pack/, 2],
    [
      'a missing field',
      (p) => ({ ...p, payers: [{ ...(p.payers as object[])[0], name: undefined }] }),
      /payers\.0\.name/,
      null,
    ],
    [
      'a wrong type',
      (p) => {
        const copy = structuredClone(p) as { statements: Array<{ field: string; value: unknown }> };
        copy.statements.find((x) => x.field === 'annualMaxCents')!.value = '1500';
        return copy;
      },
      /statements\.\d+\.value.*not a valid value for "Annual maximum"/,
      null,
    ],
    [
      'a duplicate payer',
      (p) => ({ ...p, payers: [...(p.payers as object[]), ...(p.payers as object[])] }),
      /appears twice/,
      null,
    ],
    [
      'a duplicate statement id',
      (p) => ({ ...p, statements: [...(p.statements as object[]), ...(p.statements as object[])] }),
      /used twice/,
      null,
    ],
    [
      'a statement about a payer the pack does not have',
      (p) => {
        const copy = structuredClone(p) as { statements: Array<{ payer: string }> };
        copy.statements[0]!.payer = 'Nobody Fictional';
        return copy;
      },
      /Names the payer "Nobody Fictional", which is not in the pack/,
      null,
    ],
    [
      'a statement dated in the future',
      (p) => {
        const copy = structuredClone(p) as { statements: Array<{ observedOn: string; recordedAt: string }> };
        copy.statements[0]!.observedOn = '2099-01-01';
        copy.statements[0]!.recordedAt = '2099-01-01T12:00:00.000Z';
        return copy;
      },
      /dated in the future \(2099-01-01\)/,
      null,
    ],
    ['an unknown field', (p) => ({ ...p, extra: 1 }), /Unrecognized key/, null],
  ];

  it.each(broken)(
    'refuses %s with file, line and field, and changes nothing',
    async (_label, mutate, message, line) => {
      const a = await filled();
      const pack = (await a.packs.exportPack()) as unknown as Record<string, unknown>;
      const b = await workstation();
      await b.policies.savePayer(null, payerInput('Existing Fictional Payer'));
      const before = await dbHash(b.db);
      const bytes = file(mutate(pack));
      const preview = await b.packs.preview('broken.json', bytes);
      expect(preview.issues.length).toBeGreaterThan(0);
      expect(preview.issues.map((i) => i.message).join('\n')).toMatch(message);
      expect(preview.issues[0]!.message).toMatch(/^broken\.json, (line \d+|statements\.\d+)/);
      if (line !== null) expect(preview.issues[0]!.line).toBe(line);
      await expect(b.packs.apply('broken.json', bytes)).rejects.toThrow(/Nothing was imported/);
      expect(await dbHash(b.db)).toBe(before);
      await a.db.close();
      await b.db.close();
    },
  );

  it('refuses invalid JSON, invalid UTF-8 and a 50 MB file, with a line where there is one', async () => {
    const b = await workstation();
    const before = await dbHash(b.db);
    const syntax = await b.packs.preview(
      'bad.json',
      utf8('{\n  "format": "verifydesk-policy-pack",\n  "version": 1,\n  oops\n}'),
    );
    expect(syntax.issues[0]).toMatchObject({ line: 4 });
    expect(syntax.issues[0]!.message).toMatch(/not valid JSON/);
    expect(
      (await b.packs.preview('latin1.json', new Uint8Array([0x7b, 0xe9, 0x7d]))).issues[0]!.message,
    ).toMatch(/not UTF-8/);
    const huge = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    expect((await b.packs.preview('huge.json', huge)).issues[0]!.message).toMatch(
      /50 MB; a policy pack is at most 10 MB/,
    );
    await expect(b.packs.apply('huge.json', huge)).rejects.toThrow(/Nothing was imported/);
    expect(await dbHash(b.db)).toBe(before);
    await b.db.close();
  });
});
