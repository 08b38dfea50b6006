// The office's name, address, phone, NPI and TIN at the top of a printout, labelled in the reader's
// language. Printing is refused until the header is complete (printDocument.ts), so there is never a
// placeholder to print.
import type { Language } from '../../../shared/catalog/printNames';
import type { Office } from '../../../shared/settings/settings';

const LABELS: Record<Language, { phone: string; tin: string }> = {
  en: { phone: 'Phone', tin: 'TIN' },
  es: { phone: 'Teléfono', tin: 'N.º de identificación fiscal (TIN)' },
};

export function OfficeHeader({ office, language = 'en' }: { office: Office; language?: Language }) {
  const t = LABELS[language];
  return (
    <header className="print-header">
      <div className="print-office">{office.name}</div>
      <div>{[office.addressLine1, office.addressLine2].filter(Boolean).join(' · ')}</div>
      <div>
        {[
          office.phone && `${t.phone} ${office.phone}`,
          office.npi && `NPI ${office.npi}`,
          office.tin && `${t.tin} ${office.tin}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </header>
  );
}
