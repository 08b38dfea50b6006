// Fictional sample payers for a first look, loaded once on first run and removable in one action.
import sampleFile from '../../../resources/sample-data.json';
import { AppError } from '../../shared/ipc/result';
import {
  planBenefitsSchema,
  policyValuesSchema,
  UNKNOWN_BENEFITS,
  UNKNOWN_POLICY,
  type PolicyValues,
} from '../../shared/policy/policyTypes';
import type { PayerInput } from '../../shared/policy/policyViews';
import type { AppDb } from '../db/appDb';
import * as payers from '../db/repositories/payerRepo';
import * as sample from '../db/repositories/sampleRepo';
import { createLedger } from '../ledger/ledger';

const SAMPLE_MARKER = 'sample-data';
const SAMPLE_AUTHOR = 'VerifyDesk sample data';

interface SamplePayer {
  name: string;
  defaults: Array<{ code: string; values: Partial<PolicyValues> }>;
  plans: Array<{
    name: string;
    groupNumber: string;
    employerName: string;
    planType: 'ppo' | 'indemnity' | 'dhmo' | 'medicaid' | 'medicare_advantage' | 'medical' | 'unknown';
    benefits: Record<string, unknown>;
    policies: Array<{ code: string; values: Partial<PolicyValues> }>;
  }>;
}

function payerInput(p: Record<string, unknown>): PayerInput {
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  return {
    name: p.name as string,
    electronicPayerId: text('electronicPayerId'),
    phoneBenefits: text('phoneBenefits'),
    phonePriorAuth: text('phonePriorAuth'),
    phoneMedical: text('phoneMedical'),
    phoneProviderServices: null,
    portalUrl: null,
    fax: null,
    claimsAddress: null,
    notes: 'Fictional sample payer. Remove sample data in Settings once you have your own.',
    sendsInvertedCoinsurance: p.sendsInvertedCoinsurance as PayerInput['sendsInvertedCoinsurance'],
  };
}

/** Loads the sample payers the first time a database is opened; never again once removed. */
export async function loadSampleDataOnce(db: AppDb, now: () => Date): Promise<boolean> {
  if ((await sample.getDataMarker(db, SAMPLE_MARKER)) > 0) return false;
  const stamp = now().toISOString();
  const ledger = createLedger({
    db,
    now,
    actor: () => SAMPLE_AUTHOR,
    workstation: SAMPLE_AUTHOR,
    windows: () => ({ plan: 90, eligibility: 30 }),
  });
  const source = { source: 'sample', sourceDetail: 'Fictional sample data shipped with VerifyDesk' } as const;
  const statements = (values: Record<string, unknown>, code?: string) =>
    Object.entries(values).map(([field, value]) => ({ ...(code ? { code } : {}), field, value }));
  return db.tx(async () => {
    // Claimed first: another desk starting at the same moment waits here, then finds it done.
    if (!(await sample.claimDataMarker(db, SAMPLE_MARKER, 1))) return false;
    for (const raw of sampleFile.payers as unknown as Array<SamplePayer & Record<string, unknown>>) {
      const payerId = await payers.insertPayer(db, payerInput(raw), true, stamp);
      for (const d of raw.defaults) {
        policyValuesSchema.parse({ ...UNKNOWN_POLICY, ...d.values });
        await ledger.record({ kind: 'payer', id: payerId }, statements(d.values, d.code), source);
      }
      for (const plan of raw.plans) {
        planBenefitsSchema.parse({ ...UNKNOWN_BENEFITS, ...plan.benefits });
        const planId = await payers.insertPlan(
          db,
          {
            payerId,
            name: plan.name,
            groupNumber: plan.groupNumber,
            employerName: plan.employerName,
            planType: plan.planType,
            notes: null,
          },
          true,
          stamp,
        );
        await ledger.record({ kind: 'plan', id: planId }, statements(plan.benefits), source);
        for (const p of plan.policies) {
          policyValuesSchema.parse({ ...UNKNOWN_POLICY, ...p.values });
          await ledger.record({ kind: 'plan', id: planId }, statements(p.values, p.code), source);
        }
      }
    }
    return true;
  });
}

export interface SampleStatus {
  payers: number;
  plans: number;
}

export function sampleStatus(db: AppDb): Promise<SampleStatus> {
  return sample.countSample(db);
}

/** Removes every sample payer, plan and policy in one transaction, unless real patients depend on them. */
export async function removeSampleData(db: AppDb): Promise<SampleStatus> {
  const inUse = await sample.countRealCoveragesOnSamplePlans(db);
  if (inUse > 0) {
    throw new AppError(
      'conflict',
      `${inUse} of your patients' coverages use a sample plan. Move them to a real plan first; nothing was removed.`,
    );
  }
  const before = await sample.countSample(db);
  await db.tx(() => sample.deleteSample(db));
  return before;
}
