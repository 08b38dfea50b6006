// The synthetic office header printouts carry in tests (the NPI passes its check digit): main refuses
// printouts until the header is complete, so every suite that prints sets this one.
import type { Office } from '../../src/shared/settings/settings';

export const SYNTHETIC_OFFICE: Office = {
  name: 'Synthetic Smiles Dental (test)',
  addressLine1: '1 Example Way',
  addressLine2: 'Testville, ST 00000',
  phone: '555-0100',
  npi: '1234567893',
  tin: '12-3456789',
};
