// A PA item's edit as the form sends it: everything as on file, but what the test changes.
import type { PriorAuth, PriorAuthPatch } from '../../src/shared/priorAuth/priorAuthViews';

export const paPatch = (item: PriorAuth, change: Partial<PriorAuthPatch> = {}): PriorAuthPatch => ({
  status: item.status,
  method: item.method,
  contact: item.contact,
  attachments: item.attachments,
  submittedOn: item.submittedOn,
  decisionExpectedOn: item.decisionExpectedOn,
  authNumber: item.authNumber,
  approvedUnits: item.approvedUnits,
  validFrom: item.validFrom,
  validTo: item.validTo,
  ...change,
});
