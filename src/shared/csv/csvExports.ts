// Every CSV file VerifyDesk writes, with the only columns it may hold (HIPAA-11, minimum necessary). A file
// is built from these columns alone, whatever else the rows carry, and an export that can point at a
// patient (holdsPhi) must be an administrator channel that the audit trail records (checked by test).
import type { Channel } from '../ipc/channels';
import { toCsv, type RawNumber } from './writeCsv';

interface CsvExport {
  channel: Channel;
  /** Could identify a patient or what was done to their record (patient ids count). */
  holdsPhi: boolean;
  columns: readonly string[];
}

export const CSV_EXPORTS = {
  // Patient ids and who looked at them when; never names or values (the log does not hold them).
  auditTrail: {
    channel: 'audit:export',
    holdsPhi: true,
    columns: ['id', 'time_utc', 'user', 'action', 'entity', 'entity_id', 'detail', 'hash'],
  },
  officeFees: { channel: 'fees:export', holdsPhi: false, columns: ['code', 'fee'] },
  allowedFees: { channel: 'fees:export', holdsPhi: false, columns: ['code', 'allowed'] },
} as const satisfies Record<string, CsvExport>;

export type CsvExportType = keyof typeof CSV_EXPORTS;
export type CsvExportRow<T extends CsvExportType> = Record<
  (typeof CSV_EXPORTS)[T]['columns'][number],
  string | RawNumber
>;

export function exportCsv<T extends CsvExportType>(type: T, rows: ReadonlyArray<CsvExportRow<T>>): string {
  const columns: ReadonlyArray<keyof CsvExportRow<T>> = CSV_EXPORTS[type].columns;
  return toCsv([columns as readonly string[], ...rows.map((row) => columns.map((column) => row[column]))]);
}
