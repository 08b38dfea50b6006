// VAL-8 / FZ-7: the calendar rules give the same answers in every time zone a practice might be in,
// from the last to the first to see a new day. Each zone runs in its own process (TZ is read at start).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CHILD = path.resolve(__dirname, '../fixtures/children/calendarInZone.ts');
const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Honolulu', 'Pacific/Kiritimati', 'Asia/Kolkata'];

describe('calendar rules across time zones', () => {
  it(`every zone (${ZONES.join(', ')}) gives the same dates, ages and plan years`, () => {
    const results = ZONES.map((tz) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD], {
        encoding: 'utf8',
        env: { ...process.env, TZ: tz },
      });
      expect(run.status, `${tz}: ${run.stderr}`).toBe(0);
      return JSON.parse(run.stdout) as {
        roundTrip: boolean;
        invalid: boolean[];
        lateEvening: string;
        control: number;
      };
    });
    // Control: "1980-01-05" read through Date is the 4th in Los Angeles and the 5th in UTC.
    expect(new Set(results.map((r) => r.control)).size).toBeGreaterThan(1);
    for (const [i, result] of results.entries()) {
      expect(result.roundTrip, ZONES[i]).toBe(true);
      expect(result.invalid, ZONES[i]).toEqual([false, false, false, false]);
      expect(result.lateEvening, ZONES[i]).toBe('2026-11-22');
      const { control: _zoneDependent, ...rules } = result;
      const { control: _first, ...firstRules } = results[0]!;
      expect(rules, ZONES[i]).toEqual(firstRules);
    }
  }, 60_000);
});
