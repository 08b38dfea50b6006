// FZ-2: every channel, through the real sender check, session, validation and handlers over a real
// database, fed arbitrary and near-valid payloads. A refused payload is a `validation` error, writes
// nothing (SQLite's total_changes() does not move), never crashes or pollutes Object.prototype.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { contract } from '../../src/shared/ipc/contract';
import { openSignedInApp } from '../helpers/appDispatch';
import { useTempDirs } from '../helpers/tempDir';

const RUNS_PER_CHANNEL = 1000;

const hostileStrings = fc.constantFrom(
  '',
  'x'.repeat(1_000_000),
  '\u202Eevil',
  'zero\u200Bwidth',
  '\uD800',
  '__proto__',
  "'; DROP TABLE patients; --",
  '../../etc/passwd',
);
const hostileNumbers = fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e21, 0.5, -1, 2 ** 53);
const oddValues = fc.oneof(
  fc.anything(),
  hostileStrings,
  hostileNumbers,
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(new Date(0)),
  fc.constant(new Map([['a', 1]])),
  fc.constant(new Uint8Array([1, 2])),
  fc.bigInt(),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
);

/** Objects with the channel's own field names, each holding something of the wrong kind, plus extras. */
function nearValid(channel: (typeof CHANNELS)[number]): fc.Arbitrary<unknown> {
  const shape = (contract[channel].input as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = Object.keys(shape);
  return fc
    .tuple(
      fc.dictionary(fc.constantFrom(...(keys.length ? keys : ['id'])), oddValues),
      fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), { nil: undefined }),
    )
    .map(([object, extra]) => (extra ? { ...object, [extra]: { polluted: true } } : object));
}

describe('IPC fuzz (every channel)', () => {
  const tempDir = useTempDirs();

  it(`refuses bad payloads on every channel: ${RUNS_PER_CHANNEL} per channel`, async () => {
    const { db, send, reported } = await openSignedInApp(tempDir);
    const changes = () => (db.sqlite!.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const auditRows = () =>
      (db.sqlite!.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    let tried = 0;
    let accepted = 0;
    for (const channel of CHANNELS) {
      // Signing out or locking would turn every later call into `locked`; they take no input anyway.
      if (channel === 'session:signOut' || channel === 'session:lock') continue;
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), nearValid(channel), oddValues), async (payload) => {
          const before = changes();
          const auditBefore = auditRows();
          const result = await send(channel, payload);
          tried++;
          if (result.ok) {
            accepted++;
            return;
          }
          // Sign-in channels refuse a wrong password (validation) or, after five, any password
          // (forbidden); each attempt is audited, and the audit row is all they write.
          const signIn = channel.startsWith('session:');
          const expected = signIn
            ? ['validation', 'conflict', 'forbidden', 'locked']
            : ['validation', 'not_found', 'conflict'];
          expect(expected, `${channel}: ${result.error.message}`).toContain(result.error.code);
          if (signIn) expect(changes() - before, channel).toBe(auditRows() - auditBefore);
          else if (result.error.code === 'validation') expect(changes(), channel).toBe(before);
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(reported).toEqual([]);
    expect(db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    console.log(
      `IPC fuzz: ${tried} payloads over ${CHANNELS.length - 2} channels, ${accepted} happened to be valid`,
    );
  }, 300_000);
});
