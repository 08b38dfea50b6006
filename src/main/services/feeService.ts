// The office fee schedule and plans' allowed fees: list, CSV export, and all-or-nothing CSV import.
import { feesToCsv, readFeeCsv, type FeeIssue } from '../../shared/fees/feeCsv';
import { AppError } from '../../shared/ipc/result';
import type { AppDb } from '../db/appDb';
import * as fees from '../db/repositories/feeRepo';
import { getPlanRow } from '../db/repositories/payerRepo';

export interface FeePreview {
  fileName: string;
  new: number;
  changed: number;
  unchanged: number;
  issues: FeeIssue[];
}

export function createFeeService(db: AppDb, now: () => Date) {
  const list = async (planId: number | null): Promise<fees.FeeRow[]> => {
    if (planId !== null && !(await getPlanRow(db, planId)))
      throw new AppError('not_found', 'That plan no longer exists.');
    return planId === null
      ? fees.listOfficeFees(db)
      : (await fees.listPlanFees(db, planId)).map(({ code, cents }) => ({ code, cents }));
  };

  async function preview(planId: number | null, fileName: string, bytes: Uint8Array): Promise<FeePreview> {
    const current = new Map((await list(planId)).map((r) => [r.code, r.cents]));
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
    exportCsv: async (planId: number | null) =>
      feesToCsv(await list(planId), planId === null ? 'fee' : 'allowed'),
    preview,
    async apply(planId: number | null, fileName: string, bytes: Uint8Array): Promise<FeePreview> {
      const summary = await preview(planId, fileName, bytes);
      if (summary.issues.length > 0)
        throw new AppError('validation', `Nothing was imported. ${summary.issues[0]!.message}`);
      const { rows } = readFeeCsv(bytes, fileName);
      const stamp = now().toISOString();
      await db.tx(async () => {
        for (const row of rows) {
          if (planId === null) await fees.upsertOfficeFee(db, row, stamp);
          else await fees.upsertPlanFee(db, planId, row, stamp);
        }
      });
      return summary;
    },
  };
}

export type FeeService = ReturnType<typeof createFeeService>;
