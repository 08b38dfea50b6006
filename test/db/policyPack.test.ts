import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { createCatalogService } from '../../src/main/services/catalogService';
import { createPolicyPackService } from '../../src/main/services/policyPackService';
import { openTestAppDb } from '../helpers/appDb';
import { payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { startedCallId } from '../helpers/callDriver';
import { atNoon, fixedClock, daysFromToday } from '../helpers/testClock';
import { testServices } from '../helpers/services';

const utf8 = (text: string) => new TextEncoder().encode(text);

function dbHash(db: Db): string {
  const tables = ['payers', 'plans', 'code_policies', 'provenance', 'plan_allowed_fees'];
  return createHash('sha256')
    .update(tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).join('\n'))
    .digest('hex');
}

/** A pack without its export time, for comparing what two databases know. */
function knowledge(pack: ReturnType<ReturnType<typeof createPolicyPackService>['exportPack']>) {
  const keys = new Map(pack.provenance.map((p) => [p.key, { ...p, key: undefined }]));
  const resolve = (refs: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(refs).map(([field, key]) => [field, keys.get(key!)]));
  return pack.payers.map((payer) => ({
    ...payer,
    defaults: payer.defaults.map((p) => ({ ...p, provenance: resolve(p.provenance) })),
    plans: payer.plans.map((plan) => ({
      ...plan,
      benefitProvenance: resolve(plan.benefitProvenance),
      policies: plan.policies.map((p) => ({ ...p, provenance: resolve(p.provenance) })),
    })),
  }));
}

describe('policy packs', () => {
  const tempDir = useTempDirs();
  const workstation = (clock = fixedClock()) => {
    const { db, now } = openTestAppDb(tempDir, clock);
    const policies = testServices(db, now, { actor: () => 'Test User' }).policies;
    return {
      db,
      now,
      policies,
      packs: testServices(db, now).packs,
      catalog: createCatalogService(db, now),
    };
  };
  const filled = () => {
    const a = workstation();
    const payer = a.policies.savePayer(null, { ...payerInput(), phonePriorAuth: '555-0199' });
    const plan = a.policies.savePlan(null, planInput(payer.id));
    const callId = startedCallId(a.db, a.now, plan.id);
    a.policies.setBenefits(plan.id, { annualMaxCents: 150_000, coverageByCategory: { diagnostic: 8000 } });
    a.policies.setPolicy(
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
    a.policies.setPolicy(plan.id, 'D0364', { covered: 'no', coverageBp: 0 });
    return { ...a, plan };
  };
  const file = (pack: unknown) => utf8(JSON.stringify(pack, null, 2));

  it('round-trips: export, import into an empty workstation, export again: the same knowledge', () => {
    const a = filled();
    const exported = a.packs.exportPack();
    const b = workstation();
    // 2 plan benefits + 3 answers for D0367 + 2 for D0364.
    const preview = b.packs.preview('pack.json', file(exported));
    expect(preview).toMatchObject({
      payers: { new: 1, existing: 0 },
      plans: { new: 1, existing: 0 },
      issues: [],
    });
    expect(preview.answers).toEqual({ new: 7, changed: 0, unchanged: 0, conflicting: 0 });
    b.packs.apply('pack.json', file(exported));
    expect(knowledge(b.packs.exportPack())).toEqual(knowledge(exported));
    const d0367 = b.policies
      .getMatrix(b.policies.listPlans(null)[0]!.id)
      .rows.find((r) => r.code === 'D0367')!;
    expect(d0367.cells.priorAuth.provenance).toMatchObject({
      source: 'call',
      repName: 'Rep Synthetic',
      referenceNumber: 'REF-777',
    });
    // Importing the same pack again changes nothing.
    const before = dbHash(b.db);
    expect(b.packs.preview('pack.json', file(exported)).answers).toEqual({
      new: 0,
      changed: 0,
      unchanged: 7,
      conflicting: 0,
    });
    b.packs.apply('pack.json', file(exported));
    expect(dbHash(b.db)).toBe(before);
    a.db.close();
    b.db.close();
  });

  it('takes newer answers, keeps ours when ours is newer, and says which', () => {
    const a = filled();
    const older = a.packs.exportPack();
    const later = workstation(fixedClock(atNoon(daysFromToday(3))));
    later.packs.apply('pack.json', file(older));
    const plan = later.policies.listPlans(null)[0]!;
    later.policies.setPolicy(plan.id, 'D0367', { coverageBp: 8000 }); // ours, newer than the pack's answer
    const newerPack = structuredClone(older);
    newerPack.provenance.push({
      key: 'fresh',
      source: 'call',
      recordedBy: 'Other Desk',
      recordedAt: atNoon(daysFromToday(8)).toISOString(),
      repName: 'Rep Two',
      referenceNumber: 'REF-9',
    });
    const d0364 = newerPack.payers[0]!.plans[0]!.policies.find((p) => p.code === 'D0364')!;
    d0364.values.covered = 'yes';
    d0364.provenance.covered = 'fresh';
    const d0367 = newerPack.payers[0]!.plans[0]!.policies.find((p) => p.code === 'D0367')!;
    d0367.values.coverageBp = 6000; // older than ours: a conflict
    const preview = later.packs.preview('newer.json', file(newerPack));
    expect(preview.answers).toMatchObject({ changed: 1, conflicting: 1 });
    expect(preview.conflicts).toEqual([
      expect.stringContaining('D0367: coverageBp (ours is newer; ours kept)'),
    ]);
    later.packs.apply('newer.json', file(newerPack));
    const rows = later.policies.getMatrix(plan.id).rows;
    expect(rows.find((r) => r.code === 'D0364')!.cells.covered.value).toBe('yes');
    expect(rows.find((r) => r.code === 'D0367')!.cells.coverageBp.value).toBe(8000);
    a.db.close();
    later.db.close();
  });

  it('never carries the licensed code text or sample payers', () => {
    const a = filled();
    a.catalog.applyImport('cdt.csv', utf8('D0367,Synthetic licensed name,LICENSEDMARKER text\n'));
    const text = JSON.stringify(a.packs.exportPack());
    expect(text).not.toContain('LICENSEDMARKER');
    expect(text).not.toContain('SAMPLE');
    a.db.close();
  });

  const broken: Array<[string, (pack: Record<string, unknown>) => unknown, RegExp, number | null]> = [
    ['a newer version', (p) => ({ ...p, version: 2 }), /newer VerifyDesk \(pack version 2\)/, 3],
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
        const copy = structuredClone(p) as {
          payers: Array<{ plans: Array<{ benefits: Record<string, unknown> }> }>;
        };
        copy.payers[0]!.plans[0]!.benefits.annualMaxCents = '1500';
        return copy;
      },
      /payers\.0\.plans\.0\.benefits\.annualMaxCents/,
      null,
    ],
    [
      'a duplicate payer',
      (p) => ({ ...p, payers: [...(p.payers as object[]), ...(p.payers as object[])] }),
      /appears twice/,
      null,
    ],
    [
      'a duplicate provenance key',
      (p) => ({ ...p, provenance: [...(p.provenance as object[]), ...(p.provenance as object[])] }),
      /used twice/,
      null,
    ],
    ['an unknown field', (p) => ({ ...p, extra: 1 }), /Unrecognized key/, null],
  ];

  it.each(broken)(
    'refuses %s with file, line and field, and changes nothing',
    (_label, mutate, message, line) => {
      const a = filled();
      const pack = a.packs.exportPack() as unknown as Record<string, unknown>;
      const b = workstation();
      b.policies.savePayer(null, payerInput('Existing Fictional Payer'));
      const before = dbHash(b.db);
      const bytes = file(mutate(pack));
      const preview = b.packs.preview('broken.json', bytes);
      expect(preview.issues.length).toBeGreaterThan(0);
      expect(preview.issues.map((i) => i.message).join('\n')).toMatch(message);
      expect(preview.issues[0]!.message).toMatch(/^broken\.json, line \d+/);
      if (line !== null) expect(preview.issues[0]!.line).toBe(line);
      expect(() => b.packs.apply('broken.json', bytes)).toThrow(/Nothing was imported/);
      expect(dbHash(b.db)).toBe(before);
      a.db.close();
      b.db.close();
    },
  );

  it('refuses invalid JSON, invalid UTF-8 and a 50 MB file, with a line where there is one', () => {
    const b = workstation();
    const before = dbHash(b.db);
    const syntax = b.packs.preview(
      'bad.json',
      utf8('{\n  "format": "verifydesk-policy-pack",\n  "version": 1,\n  oops\n}'),
    );
    expect(syntax.issues[0]).toMatchObject({ line: 4 });
    expect(syntax.issues[0]!.message).toMatch(/not valid JSON/);
    expect(b.packs.preview('latin1.json', new Uint8Array([0x7b, 0xe9, 0x7d])).issues[0]!.message).toMatch(
      /not UTF-8/,
    );
    const huge = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    expect(b.packs.preview('huge.json', huge).issues[0]!.message).toMatch(
      /50 MB; a policy pack is at most 10 MB/,
    );
    expect(() => b.packs.apply('huge.json', huge)).toThrow(/Nothing was imported/);
    expect(dbHash(b.db)).toBe(before);
    b.db.close();
  });
});
