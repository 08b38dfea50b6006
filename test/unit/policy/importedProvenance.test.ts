// Issue 17, item 11: an imported answer is sourced to the import, never to what the pack claims (the
// review's pack said "from a call, recorded by our own admin, 2099" and was believed). The rule as a pure
// function, for the ledger's import to apply to each observation it takes from a pack.
import { describe, expect, it } from 'vitest';
import { importedProvenance } from '../../../src/shared/policy/importedProvenance';
import { addDays } from '../../../src/shared/dates/calendar';
import { localDate } from '../../../src/shared/dates/localDate';
import { atNoon, daysFromToday, TEST_NOW, TEST_TODAY } from '../../helpers/testClock';

const claim = (over: Partial<Parameters<typeof importedProvenance>[0]> = {}) => ({
  key: 'p1',
  source: 'call' as const,
  recordedBy: 'Test User',
  recordedAt: atNoon(daysFromToday(-30)).toISOString(),
  repName: 'Rep Synthetic',
  referenceNumber: 'REF-1',
  ...over,
});
const context = { fileName: 'west-office.json', importedBy: 'Desk Admin', now: TEST_NOW };

describe('imported provenance', () => {
  it('is sourced to the import: which file, who imported it, when; the pack’s account is text only', () => {
    expect(importedProvenance(claim(), context)).toEqual({
      ok: true,
      provenance: {
        source: 'import',
        recordedBy: 'policy pack west-office.json, imported by Desk Admin',
        recordedAt: TEST_NOW.toISOString(),
        callId: null,
        repName: null,
        referenceNumber: null,
        packSays: `The pack says: from a call, recorded by Test User on ${daysFromToday(-30)}, rep Rep Synthetic, reference REF-1.`,
      },
    });
  });

  it('never keeps the claimed person, date or call as such, whatever the pack says', () => {
    for (const source of ['call', 'manual', 'import'] as const) {
      const result = importedProvenance(
        claim({ source, recordedBy: 'Test User', repName: null, referenceNumber: null }),
        context,
      );
      if (!result.ok) throw new Error(result.problem);
      expect(result.provenance).toMatchObject({
        source: 'import',
        recordedAt: TEST_NOW.toISOString(),
        callId: null,
      });
      expect(result.provenance.recordedBy).not.toBe('Test User');
    }
  });

  it('refuses an answer dated in the future (the review’s 2099), and accepts one from this very moment', () => {
    const future = importedProvenance(claim({ recordedAt: '2099-06-15T12:00:00.000Z' }), context);
    expect(future).toEqual({
      ok: false,
      problem: `The pack dates an answer ${localDate(new Date('2099-06-15T12:00:00.000Z'))}, which is in the future. Nothing was imported: ask whoever made the pack to export it again.`,
    });
    const tomorrow = importedProvenance(
      claim({ recordedAt: atNoon(addDays(TEST_TODAY, 1)).toISOString() }),
      context,
    );
    expect(tomorrow.ok).toBe(false);
    expect(importedProvenance(claim({ recordedAt: TEST_NOW.toISOString() }), context).ok).toBe(true);
  });
});
