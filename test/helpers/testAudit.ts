// The audit key tests sign their trails with (production keys are random and wrapped by the OS), and the
// trail's head recorded beside each test database (production keeps it in the profile folder).
import { fileHeadAnchor } from '../../src/main/audit/auditAnchor';
import { auditKeyFrom, type AuditChain } from '../../src/main/audit/auditChain';

export const TEST_AUDIT_KEY = auditKeyFrom(Buffer.alloc(32, 0xa5));

export const auditHeadPathOf = (dbPath: string) => `${dbPath}.audit-head.json`;

export function testAuditChain(dbPath: string): AuditChain {
  return { key: TEST_AUDIT_KEY, anchor: fileHeadAnchor(auditHeadPathOf(dbPath)) };
}
