// One printable document behind its two channels: send to the printer, or save as PDF. Nothing prints
// under a placeholder office: the office header must be complete first. `route` throws not_found before
// any window opens; the file name says what the document is, never whose it is.
import { AppError } from '../../../shared/ipc/result';
import { isOfficeReady } from '../../../shared/settings/officeChecks';
import type { Office } from '../../../shared/settings/settings';
import type { FilePort, PrintPort } from '../../services/ports';

export const OFFICE_NOT_SET_UP =
  'Printouts carry the office’s name, address, phone, NPI and TIN, and the office header is not complete yet. An administrator fills it in under Settings, Office header.';

export function printDocument(
  printer: PrintPort,
  files: FilePort,
  office: () => Office,
  route: (id: number) => Promise<string>,
  fileName: (id: number) => string,
) {
  const checkedRoute = async (id: number) => {
    if (!isOfficeReady(office())) throw new AppError('conflict', OFFICE_NOT_SET_UP);
    return route(id);
  };
  return {
    print: async (id: number) => {
      await printer.print(await checkedRoute(id));
      return { printed: true as const };
    },
    savePdf: async (id: number) => ({
      savedTo: await files.save(fileName(id), await printer.toPdf(await checkedRoute(id))),
    }),
  };
}
