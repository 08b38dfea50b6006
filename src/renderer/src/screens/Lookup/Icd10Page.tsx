import type { Icd10Detail } from '../../../../shared/catalog/catalogTypes';
import { useCatalogStore } from '../../stores/catalogStore';

export function Icd10Page({ detail }: { detail: Icd10Detail }) {
  const open = useCatalogStore((s) => s.open);
  const { entry } = detail;
  return (
    <article className="code-page" aria-label={`Diagnosis ${entry.code}`}>
      <header className="code-header">
        <div>
          <h2 className="code-number">{entry.code}</h2>
          <p className="code-meta">ICD-10-CM diagnosis (official title)</p>
        </div>
      </header>
      <p className="summary">{entry.title}</p>
      <p className={entry.billable ? 'billable' : 'not-billable'}>
        {entry.billable ? 'Billable: can go on a claim.' : (entry.note ?? 'Not billable.')}
      </p>
      {detail.usedBy.length > 0 && (
        <section className="code-section">
          <h3>Imaging codes this diagnosis often supports</h3>
          <ul className="icd-list">
            {detail.usedBy.map((c) => (
              <li key={c.code}>
                <button type="button" className="link" onClick={() => void open('cdt', c.code)}>
                  {c.code}
                </button>{' '}
                {c.summary}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
