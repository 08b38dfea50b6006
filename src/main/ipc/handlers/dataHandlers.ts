// Moving knowledge in and out: policy packs, fee schedules and eligibility files (271).
import { localDate } from '../../../shared/dates/localDate';
import type { EstimateService } from '../../services/estimateService';
import type { FeeService } from '../../services/feeService';
import type { EligibilityImportService } from '../../services/eligibilityImportService';
import type { PolicyPackService } from '../../services/policyPackService';
import type { FilePort, PrintPort } from '../../services/ports';
import type { Office } from '../../../shared/settings/settings';
import { printDocument } from './printDocument';
import type { HandlerMap } from '../dispatch';

type DataChannels =
  | 'packs:export'
  | 'packs:importPreview'
  | 'packs:importApply'
  | 'fees:list'
  | 'fees:export'
  | 'fees:importPreview'
  | 'fees:importApply'
  | 'eligibility:preview'
  | 'eligibility:import';

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export function dataHandlers(
  packs: PolicyPackService,
  fees: FeeService,
  eligibility: EligibilityImportService,
  files: FilePort,
  now: () => Date,
): Pick<HandlerMap, DataChannels> {
  return {
    'packs:export': async () => ({
      savedTo: await files.save(
        `verifydesk-policy-pack-${localDate(now())}.json`,
        `${JSON.stringify(await packs.exportPack(), null, 2)}\n`,
      ),
    }),
    'packs:importPreview': ({ fileName, contentBase64 }) => packs.preview(fileName, bytesOf(contentBase64)),
    'packs:importApply': ({ fileName, contentBase64 }) => packs.apply(fileName, bytesOf(contentBase64)),
    'fees:list': ({ planId }) => fees.list(planId),
    'fees:export': async ({ planId }) => ({
      // File names carry no patient or payer details, only what the file is.
      savedTo: await files.save(
        planId === null ? 'office-fees.csv' : `plan-${planId}-allowed-fees.csv`,
        await fees.exportCsv(planId),
      ),
    }),
    'fees:importPreview': ({ planId, file }) =>
      fees.preview(planId, file.fileName, bytesOf(file.contentBase64)),
    'fees:importApply': ({ planId, file }) => fees.apply(planId, file.fileName, bytesOf(file.contentBase64)),
    'eligibility:preview': ({ files: picked }) => eligibility.preview(picked),
    'eligibility:import': ({ files: picked, confirm }) => eligibility.import(picked, confirm),
  };
}

type EstimateChannels =
  | 'estimate:compute'
  | 'estimate:save'
  | 'estimate:get'
  | 'print:costSummary'
  | 'print:costSummaryPdf'
  | 'gfe:issue'
  | 'gfe:get'
  | 'print:goodFaithEstimate'
  | 'print:goodFaithEstimatePdf';

export function estimateHandlers(
  estimates: EstimateService,
  printer: PrintPort,
  files: FilePort,
  office: () => Office,
): Pick<HandlerMap, EstimateChannels> {
  const costSummary = printDocument(
    printer,
    files,
    office,
    async (id) => {
      await estimates.get(id);
      return `print/cost-summary/${id}`;
    },
    (id) => `estimate-${id}.pdf`,
  );
  const goodFaithEstimate = printDocument(
    printer,
    files,
    office,
    async (id) => {
      await estimates.getGoodFaithEstimate(id);
      return `print/good-faith-estimate/${id}`;
    },
    (id) => `good-faith-estimate-${id}.pdf`,
  );
  return {
    'estimate:compute': (request) => estimates.compute(request),
    'estimate:save': (request) => estimates.save(request),
    'estimate:get': ({ id }) => estimates.get(id),
    'print:costSummary': ({ estimateId }) => costSummary.print(estimateId),
    'print:costSummaryPdf': ({ estimateId }) => costSummary.savePdf(estimateId),
    'gfe:issue': (request) => estimates.issueGoodFaithEstimate(request, office()),
    'gfe:get': ({ id }) => estimates.getGoodFaithEstimate(id),
    'print:goodFaithEstimate': ({ id }) => goodFaithEstimate.print(id),
    'print:goodFaithEstimatePdf': ({ id }) => goodFaithEstimate.savePdf(id),
  };
}
