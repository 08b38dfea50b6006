// A complete, synthetic office header (the NPI passes its check digit): main refuses printouts until
// the header is complete, so a test that prints sets this first.
export const TEST_OFFICE = {
  name: 'Synthetic Smiles Dental (test)',
  addressLine1: '1 Example Way',
  addressLine2: 'Testville, ST 00000',
  phone: '555-0100',
  npi: '1234567893',
  tin: '12-3456789',
};
