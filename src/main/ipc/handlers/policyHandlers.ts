import type { AppDb } from '../../db/appDb';
import type { PatientService } from '../../services/patientService';
import type { PolicyService } from '../../services/policyService';
import { removeSampleData, sampleStatus } from '../../services/sampleData';
import type { HandlerMap } from '../dispatch';
import type { LinkPort } from '../../services/ports';
import { AppError } from '../../../shared/ipc/result';

type PolicyChannels =
  | 'payers:list'
  | 'payers:save'
  | 'payers:delete'
  | 'payers:openPortal'
  | 'plans:list'
  | 'plans:get'
  | 'plans:save'
  | 'plans:setBenefits'
  | 'plans:delete'
  | 'policies:matrix'
  | 'policies:set';

export function policyHandlers(
  policies: PolicyService,
  links: LinkPort,
  allowedSites: () => readonly string[],
): Pick<HandlerMap, PolicyChannels> {
  return {
    'payers:list': () => policies.listPayers(),
    'payers:save': ({ id, payer }) => policies.savePayer(id, payer),
    'payers:delete': async ({ id }) => {
      await policies.deletePayer(id);
      return { deleted: true };
    },
    'payers:openPortal': async ({ id }) => {
      const { portalUrl } = await policies.getPayer(id);
      if (!portalUrl) throw new AppError('validation', 'This payer has no portal address yet.');
      await links.open(portalUrl, allowedSites());
      return { opened: true as const };
    },
    'plans:list': ({ payerId }) => policies.listPlans(payerId),
    'plans:get': ({ id }) => policies.getPlan(id),
    'plans:save': ({ id, plan }) => policies.savePlan(id, plan),
    'plans:setBenefits': ({ planId, patch }) => policies.setBenefits(planId, patch),
    'plans:delete': async ({ id }) => {
      await policies.deletePlan(id);
      return { deleted: true };
    },
    'policies:matrix': ({ planId }) => policies.getMatrix(planId),
    'policies:set': async ({ planId, code, patch }) => {
      await policies.setPolicy(planId, code, patch);
      return policies.getMatrix(planId);
    },
  };
}

type PatientChannels =
  | 'patients:search'
  | 'patients:get'
  | 'patients:save'
  | 'coverages:save'
  | 'coverages:delete'
  | 'history:add'
  | 'history:delete';

export function patientHandlers(patients: PatientService): Pick<HandlerMap, PatientChannels> {
  return {
    'patients:search': ({ query }) => patients.search(query),
    'patients:get': ({ id }) => patients.get(id),
    'patients:save': ({ id, patient }) => patients.save(id, patient),
    'coverages:save': ({ id, coverage }) => patients.saveCoverage(id, coverage),
    'coverages:delete': ({ id }) => patients.deleteCoverage(id),
    'history:add': (record) => patients.addService(record),
    'history:delete': ({ patientId, uid }) => patients.deleteService(patientId, uid),
  };
}

export function sampleHandlers(db: AppDb): Pick<HandlerMap, 'sample:status' | 'sample:remove'> {
  return {
    'sample:status': () => sampleStatus(db),
    'sample:remove': () => removeSampleData(db),
  };
}
