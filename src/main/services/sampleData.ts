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
import type { Db } from '../db/connection';
import { getSeedVersion, setSeedVersion } from '../db/repositories/catalogRepo';
import * as payers from '../db/repositories/payerRepo';
import * as policies from '../db/repositories/policyRepo';
import { insertProvenance } from '../db/repositories/provenanceRepo';
import * as sample from '../db/repositories/sampleRepo';

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
export function loadSampleDataOnce(db: Db, now: () => Date): boolean {
  if (getSeedVersion(db, SAMPLE_MARKER) > 0) return false;
  const stamp = now().toISOString();
  db.transaction(() => {
    const provenanceId = insertProvenance(
      db,
      { source: 'import', callId: null, repName: null, referenceNumber: null },
      SAMPLE_AUTHOR,
      stamp,
    );
    const allFields = (values: object) =>
      Object.fromEntries(Object.keys(values).map((k) => [k, provenanceId]));
    for (const raw of sampleFile.payers as unknown as Array<SamplePayer & Record<string, unknown>>) {
      const payerId = payers.insertPayer(db, payerInput(raw), true, stamp);
      for (const d of raw.defaults) {
        const values = policyValuesSchema.parse({ ...UNKNOWN_POLICY, ...d.values });
        policies.upsertPolicy(
          db,
          payerId,
          null,
          { code: d.code, values, provenance: allFields(d.values) },
          stamp,
        );
      }
      for (const plan of raw.plans) {
        const benefits = planBenefitsSchema.parse({ ...UNKNOWN_BENEFITS, ...plan.benefits });
        const planId = payers.insertPlan(
          db,
          {
            payerId,
            name: plan.name,
            groupNumber: plan.groupNumber,
            employerName: plan.employerName,
            planType: plan.planType,
            notes: null,
          },
          JSON.stringify(benefits),
          JSON.stringify(allFields(plan.benefits)),
          true,
          stamp,
        );
        for (const p of plan.policies) {
          const values = policyValuesSchema.parse({ ...UNKNOWN_POLICY, ...p.values });
          policies.upsertPolicy(
            db,
            payerId,
            planId,
            { code: p.code, values, provenance: allFields(p.values) },
            stamp,
          );
        }
      }
    }
    setSeedVersion(db, SAMPLE_MARKER, 1);
  })();
  return true;
}

export interface SampleStatus {
  payers: number;
  plans: number;
}

export function sampleStatus(db: Db): SampleStatus {
  return sample.countSample(db);
}

/** Removes every sample payer, plan and policy in one transaction, unless real patients depend on them. */
export function removeSampleData(db: Db): SampleStatus {
  const inUse = sample.countRealCoveragesOnSamplePlans(db);
  if (inUse > 0) {
    throw new AppError(
      'conflict',
      `${inUse} of your patients' coverages use a sample plan. Move them to a real plan first; nothing was removed.`,
    );
  }
  const before = sample.countSample(db);
  db.transaction(() => sample.deleteSample(db))();
  return before;
}
