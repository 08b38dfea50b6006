// The synthetic office header printouts carry in tests: set for every signed-in harness (as after the
// first-start setup), and again through window.api where a test wants to be explicit.
import type { Office } from '../../src/shared/settings/settings';
import type { Harness } from './harness';

export const SYNTHETIC_OFFICE: Office = {
  name: 'Synthetic Smiles Dental (test)',
  addressLine1: '1 Example Way',
  addressLine2: 'Testville, ST 00000',
  phone: '555-0100',
  npi: '1234567893',
  tin: '12-3456789',
};

export async function setSyntheticOffice(h: Harness): Promise<void> {
  await h.page.evaluate(async (office) => {
    const r = await window.api.settingsUpdate({ office });
    if (!r.ok) throw new Error(r.error.message);
  }, SYNTHETIC_OFFICE);
}
