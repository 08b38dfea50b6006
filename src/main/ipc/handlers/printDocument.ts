// One printable document behind its two channels: send to the printer, or save as PDF. `route` throws
// not_found before any window opens; the file name says what the document is, never whose it is.
import type { FilePort, PrintPort } from '../../services/ports';

export function printDocument(
  printer: PrintPort,
  files: FilePort,
  route: (id: number) => Promise<string>,
  fileName: (id: number) => string,
) {
  return {
    print: async (id: number) => {
      await printer.print(await route(id));
      return { printed: true as const };
    },
    savePdf: async (id: number) => ({
      savedTo: await files.save(fileName(id), await printer.toPdf(await route(id))),
    }),
  };
}
