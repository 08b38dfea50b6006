import type { Migration } from '../migrate';

/**
 * Finding the latest row of one kind of action (the recovery-code use an administrator must be told
 * about at sign-in) and the audit screen's action filter read an index range instead of the whole trail.
 */
export const auditByActionMigration: Migration = {
  version: 11,
  name: 'audit-by-action',
  up(db) {
    db.exec('CREATE INDEX audit_by_action ON audit_log (action, id)');
  },
};
