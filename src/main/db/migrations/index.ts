// The migration registry, in order. Append only: a released migration is never edited.
import type { Migration } from '../migrate';
import { settingsMigration } from './0001-settings';
import { catalogMigration } from './0002-catalog';
import { payersPlansPatientsMigration } from './0003-payers-plans-patients';
import { estimatesMigration } from './0004-estimates';
import { goodFaithEstimatesMigration } from './0005-good-faith-estimates';
import { callsMigration } from './0006-calls';
import { priorAuthsMigration } from './0007-prior-auths';
import { callSearchMigration } from './0008-call-search';
import { usersAuditMigration } from './0009-users-audit';
import { provenanceCallKeyMigration } from './0010-provenance-call-key';
import { auditByActionMigration } from './0011-audit-by-action';
import { ledgerMigration } from './0012-ledger';
import { auditSignaturesMigration } from './0013-audit-signatures';
import { eligibilityFilesMigration } from './0014-eligibility-files';
import { dropCatalogFtsMigration } from './0015-drop-catalog-fts';
import { officeDatabaseMigration } from './0016-office-database';
import { truncateGuardChangeNoticesMigration } from './0017-truncate-guard-change-notices';

export const MIGRATIONS: readonly Migration[] = [
  settingsMigration,
  catalogMigration,
  payersPlansPatientsMigration,
  estimatesMigration,
  goodFaithEstimatesMigration,
  callsMigration,
  priorAuthsMigration,
  callSearchMigration,
  usersAuditMigration,
  provenanceCallKeyMigration,
  auditByActionMigration,
  ledgerMigration,
  auditSignaturesMigration,
  eligibilityFilesMigration,
  dropCatalogFtsMigration,
  officeDatabaseMigration,
  truncateGuardChangeNoticesMigration,
];
