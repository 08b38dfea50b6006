import type { Icd10Detail } from '../../../../shared/catalog/catalogTypes';
import { useCatalogStore } from '../../stores/catalogStore';

/** The words that find this diagnosis, official ones apart from ours so nobody mistakes one for the other. */
function Terms({ detail }: { detail: Icd10Detail }) {
  const official = detail.terms.filter((t) => t.source === 'inclusion' || t.source === 'index');
  const ours = detail.terms.filter((t) => t.source === 'ours');
  if (official.length === 0 && ours.length === 0) return null;
  return (
    <div className="code-columns">
      {official.length > 0 && (
        <section className="code-section">
          <h3>Also listed in ICD-10-CM as (official, FY2026)</h3>
          <ul>
            {official.map((t) => (
              <li key={t.text}>
                {t.text}{' '}
                <span className="muted small">
                  ({t.source === 'index' ? 'index entry' : 'inclusion term'})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {ours.length > 0 && (
        <section className="code-section">
          <h3>Everyday words that find it (ours, not official)</h3>
          <p>{ours.map((t) => t.text).join(' · ')}</p>
        </section>
      )}
    </div>
  );
}

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
      <Terms detail={detail} />
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
