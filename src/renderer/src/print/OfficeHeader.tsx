// The office's name, address, phone, NPI and TIN at the top of a printout, labelled in the reader's
// language. Printing is refused until the header is complete (printDocument.ts), so there is never a
// placeholder to print. The patient's handout leaves out the NPI and TIN: a patient calls the phone number;
// the billing identifiers are for payers and the chart (the Good Faith Estimate prints them, as the law asks).
import type { Language } from '../../../shared/catalog/printNames';
import type { Office } from '../../../shared/settings/settings';

const LABELS: Record<Language, { phone: string; tin: string }> = {
  en: { phone: 'Phone', tin: 'TIN' },
  es: { phone: 'Teléfono', tin: 'N.º de identificación fiscal (TIN)' },
};

export function OfficeHeader({
  office,
  language = 'en',
  identifiers = true,
}: {
  office: Office;
  language?: Language;
  /** false: name, address and phone only (a patient's handout). */
  identifiers?: boolean;
}) {
  const t = LABELS[language];
  return (
    <header className="print-header">
      <div className="print-office">{office.name}</div>
      <div>{[office.addressLine1, office.addressLine2].filter(Boolean).join(' · ')}</div>
      <div>
        {[
          office.phone && `${t.phone} ${office.phone}`,
          identifiers && office.npi && `NPI ${office.npi}`,
          identifiers && office.tin && `${t.tin} ${office.tin}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </header>
  );
}
