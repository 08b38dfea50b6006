// Moving knowledge in and out: policy packs and fee schedules.
import { localDate } from '../../../shared/dates/localDate';
import type { EstimateService } from '../../services/estimateService';
import type { FeeService } from '../../services/feeService';
import type { PolicyPackService } from '../../services/policyPackService';
import type { FilePort, PrintPort } from '../../services/ports';
import type { Office } from '../../../shared/settings/settings';
import type { HandlerMap } from '../dispatch';

type DataChannels =
  | 'packs:export'
  | 'packs:importPreview'
  | 'packs:importApply'
  | 'fees:list'
  | 'fees:export'
  | 'fees:importPreview'
  | 'fees:importApply';

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export function dataHandlers(
  packs: PolicyPackService,
  fees: FeeService,
  files: FilePort,
  now: () => Date,
): Pick<HandlerMap, DataChannels> {
  return {
    'packs:export': async () => ({
      savedTo: await files.save(
        `verifydesk-policy-pack-${localDate(now())}.json`,
        `${JSON.stringify(packs.exportPack(), null, 2)}\n`,
      ),
    }),
    'packs:importPreview': ({ fileName, contentBase64 }) => packs.preview(fileName, bytesOf(contentBase64)),
    'packs:importApply': ({ fileName, contentBase64 }) => packs.apply(fileName, bytesOf(contentBase64)),
    'fees:list': ({ planId }) => fees.list(planId),
    'fees:export': async ({ planId }) => ({
      // File names carry no patient or payer details, only what the file is.
      savedTo: await files.save(
        planId === null ? 'office-fees.csv' : `plan-${planId}-allowed-fees.csv`,
        fees.exportCsv(planId),
      ),
    }),
    'fees:importPreview': ({ planId, file }) =>
      fees.preview(planId, file.fileName, bytesOf(file.contentBase64)),
    'fees:importApply': ({ planId, file }) => fees.apply(planId, file.fileName, bytesOf(file.contentBase64)),
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
  const gfeRoute = (id: number) => {
    estimates.getGoodFaithEstimate(id); // not_found before any window opens
    return `print/good-faith-estimate/${id}`;
  };
  const route = (id: number) => {
    estimates.get(id); // not_found before any window opens
    return `print/cost-summary/${id}`;
  };
  return {
    'estimate:compute': (request) => estimates.compute(request),
    'estimate:save': (request) => estimates.save(request),
    'estimate:get': ({ id }) => estimates.get(id),
    'print:costSummary': async ({ estimateId }) => {
      await printer.print(route(estimateId));
      return { printed: true };
    },
    // The file name says what it is, never whose it is.
    'print:costSummaryPdf': async ({ estimateId }) => ({
      savedTo: await files.save(`estimate-${estimateId}.pdf`, await printer.toPdf(route(estimateId))),
    }),
    'gfe:issue': (request) => estimates.issueGoodFaithEstimate(request, office()),
    'gfe:get': ({ id }) => estimates.getGoodFaithEstimate(id),
    'print:goodFaithEstimate': async ({ id }) => {
      await printer.print(gfeRoute(id));
      return { printed: true };
    },
    'print:goodFaithEstimatePdf': async ({ id }) => ({
      savedTo: await files.save(`good-faith-estimate-${id}.pdf`, await printer.toPdf(gfeRoute(id))),
    }),
  };
}
