import type { Migration } from '../migrate';

/**
 * Entries of the audit trail are signed from here on: an HMAC under the audit key (kept outside the
 * database, never with the database key), whose id each entry records. Entries written before stay as
 * they were, SHA-256 chained with mac_key NULL; the first signed entry's link vouches for them.
 */
export const auditSignaturesMigration: Migration = {
  version: 13,
  name: 'audit-signatures',
  up(db) {
    db.exec('ALTER TABLE audit_log ADD COLUMN mac_key TEXT CHECK (mac_key IS NULL OR length(mac_key) = 16)');
  },
};
