// Everything the desk needs about one CDT code while the rep waits: our summary, the official text if
// the practice imported it, what it is confused with, what payers ask for, and the medical cross-walk.
import { useState } from 'react';
import { KIND_LABELS, type CodeDetail } from '../../../../shared/catalog/catalogTypes';
import { formatDate } from '../../../../shared/dates/typedDate';
import { Flags } from '../../components/Flags';
import { Kbd } from '../../components/Kbd';
import { call } from '../../lib/api';
import { localDateTime } from '../../lib/localDateTime';
import { useCatalogStore } from '../../stores/catalogStore';
import { useCopyShortcut } from './useCopyShortcut';

function validity(detail: CodeDetail): string {
  const { validFrom, validTo, datesUncertain } = detail.code;
  const since = validFrom ? `Valid from ${formatDate(validFrom)}` : 'In use since before 2013';
  const until = validTo ? `; last valid ${formatDate(validTo)} (deleted)` : '; still valid';
  return `${since}${until}${datesUncertain ? '. Dates not confirmed by a public source.' : '.'}`;
}

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <section className="code-section">
      <h3>{title}</h3>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

export function CodePage({ detail }: { detail: CodeDetail }) {
  const open = useCatalogStore((s) => s.open);
  const [copied, setCopied] = useState(false);
  const { code } = detail;

  const copy = async () => {
    await call('app:copyText', { text: code.code });
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  useCopyShortcut(copy);

  return (
    <article className="code-page" aria-label={`Code ${code.code}`}>
      <header className="code-header">
        <div>
          <h2 className="code-number">{code.code}</h2>
          <p className="code-meta">
            {KIND_LABELS[code.kind]} · {code.subcategory}
          </p>
          <Flags
            deleted={detail.deleted}
            oftenPriorAuth={code.oftenPriorAuth}
            oftenMedical={code.oftenMedical}
          />
        </div>
        <button type="button" className="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : `Copy ${code.code}`} <Kbd>Alt+C</Kbd>
        </button>
      </header>

      <div className="code-texts">
        <section className="code-text">
          <h3>Summary (our plain-language words, not the official CDT descriptor)</h3>
          <p className="summary">{code.summary}</p>
        </section>
        <section className="code-text">
          <h3>Official CDT text</h3>
          {detail.licensed ? (
            <>
              <p className="official-name">{detail.licensed.nomenclature}</p>
              {detail.licensed.descriptor && <p>{detail.licensed.descriptor}</p>}
              <p className="muted small">
                From your licensed file {detail.licensed.sourceFile}, imported{' '}
                {localDateTime(detail.licensed.importedAt)}.
              </p>
            </>
          ) : (
            <p className="muted">
              Not imported. Import the practice&apos;s licensed CDT file in Settings to see it here.
            </p>
          )}
        </section>
      </div>
      <p className="validity">{validity(detail)}</p>

      {detail.confusedWith.length > 0 && (
        <section className="code-section">
          <h3>Often confused with</h3>
          <table className="confused">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">What that code is</th>
                <th scope="col">The difference</th>
              </tr>
            </thead>
            <tbody>
              {detail.confusedWith.map((other) => (
                <tr key={other.code}>
                  <td>
                    {other.summary ? (
                      <button type="button" className="link" onClick={() => void open('cdt', other.code)}>
                        {other.code}
                      </button>
                    ) : (
                      other.code
                    )}
                  </td>
                  <td>{other.summary ?? 'Outside the imaging catalog'}</td>
                  <td>{other.difference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <div className="code-columns">
        <List title="Documentation payers ask for" items={code.documentation} />
        <List title="Common denial reasons" items={code.denialReasons} />
      </div>

      {code.cpt.length > 0 && (
        <section className="code-section">
          <h3>Medical cross-walk (CPT numbers; the notes are ours)</h3>
          <ul className="cpt">
            {code.cpt.map((c) => (
              <li key={c.code}>
                <strong>{c.code}</strong> {c.note}
              </li>
            ))}
          </ul>
        </section>
      )}

      {detail.icd10.length > 0 && (
        <section className="code-section">
          <h3>Typical diagnoses (ICD-10-CM)</h3>
          <ul className="icd-list">
            {detail.icd10.map((e) => (
              <li key={e.code}>
                <button type="button" className="link" onClick={() => void open('icd10', e.code)}>
                  {e.code}
                </button>{' '}
                {e.title}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
