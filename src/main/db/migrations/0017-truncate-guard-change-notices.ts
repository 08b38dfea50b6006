import type { Migration } from '../migrate';

/**
 * What only the office database needs; its whole change is the PostgreSQL half (pgSchema.ts):
 * - TRUNCATE refused on every append-only table. TRUNCATE fires no row triggers, so the rules that
 *   refuse a DELETE (the audit trail, the ledger, the call record, the histories) did not stop the
 *   tables' owner from emptying them. SQLite has no TRUNCATE: its DELETE triggers already cover every
 *   way to remove a row.
 * - Change notices for the lists' other tables (prior-authorization history, and the names of patients,
 *   plans and payers every list shows), beside those migration 16 sends. SQLite has no LISTEN/NOTIFY:
 *   one computer's file has no other desk to tell.
 * The version still moves on SQLite, so both engines count their migrations the same way.
 */
export const truncateGuardChangeNoticesMigration: Migration = {
  version: 17,
  name: 'truncate-guard-change-notices',
  up() {
    // Nothing changes in the SQLite file (see above).
  },
};
