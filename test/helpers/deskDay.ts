// A short day at a desk, through the services as the app runs them: a payer and plan set up, a patient
// saved, a call answered to the end and completed (its PA item made), the PA item moved on, and an entry
// in the audit trail. Used where what matters is the data a real day writes (roles, backups).
import { appendAudit } from '../../src/main/audit/auditLog';
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import type { PriorAuth } from '../../src/shared/priorAuth/priorAuthViews';
import { completedCall } from './callDriver';
import { patientInput, payerInput, planInput } from './policyFixtures';
import { testServices } from './services';
import { daysFromToday } from './testClock';

export interface DeskDay {
  callId: number;
  priorAuth: PriorAuth;
}

export async function deskDay(db: AppDb, now: () => Date, catalog: Db): Promise<DeskDay> {
  const desk = testServices(db, now, { catalog, actor: () => 'Desk One' });
  const payer = await desk.policies.savePayer(null, payerInput());
  const plan = await desk.policies.savePlan(null, planInput(payer.id));
  const patient = await desk.patients.save(null, patientInput());
  const call = await completedCall(desk.calls, patient.id, plan.id);
  const [item] = await desk.priorAuths.worklist();
  if (!item) throw new Error('The completed call made no PA item.');
  const priorAuth = await desk.priorAuths.update(
    item.id,
    {
      status: 'submitted',
      method: 'Portal',
      contact: item.contact,
      attachments: item.attachments,
      submittedOn: daysFromToday(0),
      decisionExpectedOn: daysFromToday(14),
      authNumber: item.authNumber,
      approvedUnits: item.approvedUnits,
      validFrom: item.validFrom,
      validTo: item.validTo,
    },
    item.version,
  );
  await appendAudit(
    db,
    { who: null, otherwise: 'Desk One', action: 'change', entity: 'prior_auth', entityId: item.id },
    now(),
  );
  return { callId: call.id, priorAuth };
}
