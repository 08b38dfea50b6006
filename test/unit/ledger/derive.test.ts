// What a field is, derived from the statements made about it: the newest that counts wins; disagreeing
// reps within the window are a conflict until a person settles it or a second statement repeats the newest;
// stale after the window. Table cases for each rule, and properties over random histories.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates/calendar';
import {
  byNewest,
  canonicalJson,
  countingObservations,
  deriveField,
  deriveSet,
} from '../../../src/shared/ledger/derive';
import { OBSERVATION_SOURCES, type Observation } from '../../../src/shared/ledger/ledgerTypes';

const TODAY = '2026-06-15';
let n = 0;
const said = (over: Partial<Observation> = {}): Observation => {
  n++;
  return {
    uid: `uid-${String(n).padStart(6, '0')}`,
    subject: { kind: 'plan', id: 1 },
    code: '',
    field: 'deductibleIndividualCents',
    value: 5_000,
    observedOn: TODAY,
    recordedAt: `${TODAY}T12:00:00.000Z`,
    recordedBy: 'Test User',
    workstation: 'Test desk',
    source: 'call',
    callId: n,
    repName: 'Rep',
    referenceNumber: null,
    sourceDetail: null,
    retracts: null,
    ...over,
  };
};
const on = (days: number, extra: Partial<Observation> = {}) =>
  said({ observedOn: addDays(TODAY, days), recordedAt: `${addDays(TODAY, days)}T12:00:00.000Z`, ...extra });
const derive = (list: Observation[], windowDays = 90) => deriveField(list, { today: TODAY, windowDays });

describe('deriving a field from its statements', () => {
  it('nothing said, or "not known" said last: unknown (and the statement that said so is kept)', () => {
    expect(derive([])).toMatchObject({ value: null, status: 'unknown', current: null });
    const cleared = on(0, { value: null, source: 'manual' });
    expect(derive([on(-5), cleared])).toMatchObject({ value: null, status: 'unknown', current: cleared });
  });

  it('the newest wins: by the day stated, then when recorded, then by id', () => {
    const older = on(-10, { value: 1 });
    const newer = on(-2, { value: 2, source: 'manual' });
    expect(derive([newer, older]).value).toBe(2);
    const sameDayEarly = said({ value: 3, recordedAt: `${TODAY}T09:00:00.000Z`, source: 'manual' });
    const sameDayLate = said({ value: 4, recordedAt: `${TODAY}T15:00:00.000Z`, source: 'manual' });
    expect(derive([sameDayLate, sameDayEarly]).value).toBe(4);
    // A statement dated earlier but recorded later (a "stated on" date) does not win.
    const statedEarlier = on(-30, { value: 5, recordedAt: `${TODAY}T16:00:00.000Z`, source: 'manual' });
    expect(derive([newer, statedEarlier]).value).toBe(2);
  });

  it('a withdrawn statement does not count, and neither does the withdrawal', () => {
    const wrong = on(-1, { value: 9_999, source: 'manual' });
    const right = on(-20, { value: 5_000 });
    const withdrawal = on(0, { value: null, source: 'manual', retracts: wrong.uid });
    expect(derive([right, wrong, withdrawal])).toMatchObject({ value: 5_000, current: right });
    expect(countingObservations([right, wrong, withdrawal])).toEqual([right]);
  });

  it('fresh for the whole window, stale the day after; never-confirmed values are stale', () => {
    expect(derive([on(-90)]).status).toBe('known');
    expect(derive([on(-91)]).status).toBe('stale');
    expect(derive([on(0, { source: 'before_ledger', callId: null })]).status).toBe('stale');
  });

  it('reps who disagree within the window: conflict, with the latest of each answer, newest first', () => {
    const a = on(-30, { value: 5_000, repName: 'Denise K' });
    const b = on(-1, { value: 150_000, repName: 'Rep X' });
    const result = derive([a, b]);
    expect(result).toMatchObject({ value: 150_000, status: 'conflict', current: b });
    expect(result.conflict).toEqual([b, a]);
  });

  it('no conflict when the older answer is outside the window, or a person chose since', () => {
    expect(derive([on(-100, { value: 1 }), on(-1, { value: 2 })]).status).toBe('known');
    const decided = on(-2, { value: 2, source: 'resolution', callId: null });
    expect(derive([on(-30, { value: 1 }), decided, on(-1, { value: 2 })]).status).toBe('known');
    // A person's own entry settles it too; a later rep disagreeing opens a new conflict.
    const entry = on(-3, { value: 2, source: 'manual', callId: null });
    expect(derive([on(-30, { value: 1 }), entry]).status).toBe('known');
    expect(derive([on(-30, { value: 1 }), entry, on(-2, { value: 2 }), on(-1, { value: 3 })]).status).toBe(
      'conflict',
    );
  });

  it('only payer statements newer than the last non-payer one are compared', () => {
    // Regression: a newest value from before the ledger made older reps' disagreement a "conflict" whose
    // answers did not include the value shown.
    const old = [on(-30, { value: 1 }), on(-20, { value: 2 })];
    const carried = on(-1, { value: 3, source: 'before_ledger', callId: null });
    expect(derive([...old, carried])).toMatchObject({ value: 3, status: 'stale', conflict: [] });
  });

  it('a second, separate statement of the newest answer settles a disagreement', () => {
    const first = on(-30, { value: 1 });
    const change = on(-5, { value: 2 });
    expect(derive([first, change]).status).toBe('conflict');
    expect(derive([first, change, on(-1, { value: 2 })]).status).toBe('known');
    // The same call saying it twice is one statement, not two.
    expect(derive([first, change, on(-1, { value: 2, callId: change.callId })]).status).toBe('conflict');
  });

  it('equal values compare equal whatever order their keys came in', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(canonicalJson({ a: [{ x: 1, y: 2 }], b: 1 }));
    const f1 = { count: 1, per: 'months', months: 36, sharedWith: [] };
    const f2 = { sharedWith: [], months: 36, per: 'months', count: 1 };
    expect(derive([on(-5, { value: f1 }), on(-1, { value: f2 })]).status).toBe('known');
  });

  it('earlier services: every statement is its own value; repeats and withdrawn ones drop out', () => {
    const s = (date: string, extra: Partial<Observation> = {}) =>
      said({ field: 'service', code: 'D0330', value: { date, reportedBy: 'payer' }, ...extra });
    const a = s('2024-03-15');
    const b = s('2022-01-10');
    const again = s('2024-03-15');
    const wrong = s('2025-05-05');
    const withdrawal = said({
      field: 'service',
      code: 'D0330',
      value: null,
      source: 'manual',
      retracts: wrong.uid,
    });
    expect(
      deriveSet([a, b, again, wrong, withdrawal])
        .map((o) => (o.value as { date: string }).date)
        .sort(),
    ).toEqual(['2022-01-10', '2024-03-15']);
  });
});

describe('properties over random histories', () => {
  const day = fc.integer({ min: -400, max: 0 }).map((d) => addDays(TODAY, d));
  const observation = fc
    .record({
      value: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(null)),
      observedOn: day,
      minute: fc.integer({ min: 0, max: 1439 }),
      source: fc.constantFrom(...OBSERVATION_SOURCES),
      callId: fc.integer({ min: 1, max: 6 }),
    })
    .map((r) =>
      said({
        value: r.value,
        observedOn: r.observedOn,
        recordedAt: `${r.observedOn}T${String(Math.floor(r.minute / 60)).padStart(2, '0')}:${String(r.minute % 60).padStart(2, '0')}:00.000Z`,
        source: r.source,
        callId: r.source === 'call' ? r.callId : null,
      }),
    );
  const history = fc.array(observation, { minLength: 0, maxLength: 25 }).chain((list) =>
    // Some statements withdraw an earlier one.
    fc
      .array(fc.nat({ max: Math.max(0, list.length - 1) }), { maxLength: list.length > 0 ? 3 : 0 })
      .map((targets) => [
        ...list,
        ...targets.map((t) => said({ value: null, source: 'manual', callId: null, retracts: list[t]!.uid })),
      ]),
  );

  it('the value is the newest statement that counts, whatever order the statements come in', () => {
    fc.assert(
      fc.property(history, fc.nat(), (list, seed) => {
        // A reference computed another way: withdrawn ids, then the maximum by (day, time, id).
        const withdrawn = new Set(list.filter((o) => o.retracts).map((o) => o.retracts));
        const counting = list.filter((o) => !o.retracts && !withdrawn.has(o.uid));
        const newest = counting.reduce<Observation | null>(
          (best, o) =>
            best === null ||
            [o.observedOn, o.recordedAt, o.uid].join('|') >
              [best.observedOn, best.recordedAt, best.uid].join('|')
              ? o
              : best,
          null,
        );
        const shuffled = [...list].sort(
          (a, b) => ((a.uid.charCodeAt(5) * 31 + seed) % 7) - ((b.uid.charCodeAt(5) * 31 + seed) % 7),
        );
        const result = derive(shuffled);
        expect(result.current).toBe(newest);
        expect(result.value).toBe(newest === null || newest.value === null ? null : newest.value);
        expect(result.status === 'unknown').toBe(newest === null || newest.value === null);
      }),
      { numRuns: 400 },
    );
  });

  it('deriving never changes, drops or reorders a statement, and the sort is a total order', () => {
    fc.assert(
      fc.property(history, (list) => {
        const before = JSON.stringify(list);
        derive(list);
        deriveSet(list);
        expect(JSON.stringify(list)).toBe(before);
        const sorted = [...list].sort(byNewest);
        for (let i = 1; i < sorted.length; i++)
          expect(byNewest(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a conflict always names at least two different answers, the current one first', () => {
    fc.assert(
      fc.property(history, (list) => {
        const result = derive(list);
        if (result.status !== 'conflict') return;
        expect(result.conflict.length).toBeGreaterThanOrEqual(2);
        expect(canonicalJson(result.conflict[0]!.value)).toBe(canonicalJson(result.value));
        expect(new Set(result.conflict.map((o) => canonicalJson(o.value))).size).toBe(result.conflict.length);
      }),
      { numRuns: 2000 },
    );
  });
});
