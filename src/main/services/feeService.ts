// The office fee schedule and plans' allowed fees: list, CSV export, and all-or-nothing CSV import.
import { feesToCsv, readFeeCsv, type FeeIssue } from '../../shared/fees/feeCsv';
import { AppError } from '../../shared/ipc/result';
import type { Db } from '../db/connection';
import * as fees from '../db/repositories/feeRepo';
import { getPlanRow } from '../db/repositories/payerRepo';

export interface FeePreview {
  fileName: string;
  new: number;
  changed: number;
  unchanged: number;
  issues: FeeIssue[];
}

export function createFeeService(db: Db, now: () => Date) {
  const list = (planId: number | null): fees.FeeRow[] => {
    if (planId !== null && !getPlanRow(db, planId))
      throw new AppError('not_found', 'That plan no longer exists.');
    return planId === null
      ? fees.listOfficeFees(db)
      : fees.listPlanFees(db, planId).map(({ code, cents }) => ({ code, cents }));
  };

  function preview(planId: number | null, fileName: string, bytes: Uint8Array): FeePreview {
    const current = new Map(list(planId).map((r) => [r.code, r.cents]));
    const read = readFeeCsv(bytes, fileName);
    const counts = { new: 0, changed: 0, unchanged: 0 };
    for (const row of read.rows) {
      const before = current.get(row.code);
      counts[before === undefined ? 'new' : before === row.cents ? 'unchanged' : 'changed']++;
    }
    return { fileName, ...counts, issues: read.issues.slice(0, 200) };
  }

  return {
    list,
    exportCsv: (planId: number | null) => feesToCsv(list(planId), planId === null ? 'fee' : 'allowed'),
    preview,
    apply(planId: number | null, fileName: string, bytes: Uint8Array): FeePreview {
      const summary = preview(planId, fileName, bytes);
      if (summary.issues.length > 0)
        throw new AppError('validation', `Nothing was imported. ${summary.issues[0]!.message}`);
      const { rows } = readFeeCsv(bytes, fileName);
      const stamp = now().toISOString();
      db.transaction(() => {
        for (const row of rows) {
          if (planId === null) fees.upsertOfficeFee(db, row, stamp);
          else fees.upsertPlanFee(db, planId, row, stamp);
        }
      })();
      return summary;
    },
  };
}

export type FeeService = ReturnType<typeof createFeeService>;
