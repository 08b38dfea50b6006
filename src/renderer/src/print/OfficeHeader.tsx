import type { Office } from '../../../shared/settings/settings';

export function OfficeHeader({ office }: { office: Office }) {
  return (
    <header className="print-header">
      <div className="print-office">{office.name || 'Dental office'}</div>
      <div>{[office.addressLine1, office.addressLine2].filter(Boolean).join(' · ')}</div>
      <div>
        {[office.phone, office.npi && `NPI ${office.npi}`, office.tin && `TIN ${office.tin}`]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </header>
  );
}
