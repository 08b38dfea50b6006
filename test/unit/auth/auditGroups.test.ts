// The audit trail read by a person: a call's answers are one line, searches typed letter by letter are
// one line, and nothing from two people or two records is ever merged.
import { describe, expect, it } from 'vitest';
import { describeGroup, groupAuditRows } from '../../../src/shared/auth/auditGroups';
import type { AuditRowView } from '../../../src/shared/auth/authViews';

// Rows arrive newest first: ids count down, and so do their times (one second apart).
let nextId = 500;
const pad = (n: number) => String(n).padStart(2, '0');
const row = (over: Partial<AuditRowView>): AuditRowView => ({
  id: nextId,
  tsUtc: `2026-12-06T12:${pad(Math.floor(nextId / 60))}:${pad(nextId-- % 60)}.000Z`,
  userName: 'Dana Desk',
  action: 'change',
  entity: 'call',
  entityId: 12,
  detailJson: '{}',
  patientId: 1,
  patientName: 'Ana Ramírez',
  ...over,
});

describe('groupAuditRows', () => {
  it('a call with 48 answers, then its creation, is one line: created, then changed 48 times', () => {
    const rows = [
      ...Array.from({ length: 48 }, () => row({ action: 'change' })),
      row({ action: 'create' }),
      row({ action: 'view', entity: 'patient', entityId: 1 }),
    ];
    const groups = groupAuditRows(rows);
    expect(groups).toHaveLength(2);
    expect(groups[0]!.rows).toHaveLength(49);
    expect(describeGroup(groups[0]!)).toBe('created verification call #12, changed it 48 times');
    expect(groups[0]!.patientName).toBe('Ana Ramírez');
    expect(groups[0]!.from < groups[0]!.to).toBe(true);
    expect(describeGroup(groups[1]!)).toBe('viewed patient record #1');
  });

  it('never merges two people, two records, or searches with changes', () => {
    const rows = [
      row({ userName: 'Dana Desk' }),
      row({ userName: 'Sam Admin' }),
      row({ entityId: 13 }),
      row({ action: 'search', entity: 'patient', entityId: null, patientId: null, patientName: null }),
      row({ action: 'search', entity: 'patient', entityId: null, patientId: null, patientName: null }),
      row({ action: 'view', entity: 'prior_auth_worklist', entityId: null, patientName: null }),
      row({ action: 'search', entity: 'patient', entityId: null, patientId: null, patientName: null }),
    ];
    const groups = groupAuditRows(rows);
    expect(groups.map((g) => g.rows.length)).toEqual([1, 1, 1, 2, 1, 1]);
    expect(describeGroup(groups[3]!)).toBe('searched patients 2 times');
    expect(describeGroup(groups[4]!)).toBe('viewed prior-authorization worklist');
    // Every row is in exactly one group, in the original order.
    expect(groups.flatMap((g) => g.rows)).toEqual(rows);
  });
});
