// The synthetic office header the printout tests and benchmark print under (Settings, through window.api).
import type { Harness } from './harness';

export async function setSyntheticOffice(h: Harness): Promise<void> {
  await h.page.evaluate(async () => {
    const r = await window.api.settingsUpdate({
      office: {
        name: 'Synthetic Smiles Dental (test)',
        addressLine1: '1 Example Way',
        addressLine2: 'Testville, ST 00000',
        phone: '555-0100',
        npi: '1234567893',
        tin: '12-3456789',
      },
    });
    if (!r.ok) throw new Error(r.error.message);
  });
}
