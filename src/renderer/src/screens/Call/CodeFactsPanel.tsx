// The facts about the code being asked, beside the question: our summary, what it is mixed up with,
// what documentation the payer may want, and (on medical-plan calls) the CPT cross-walk hints. Folded
// under its title (Alt+I opens it), so the rep's name, reference and "The call dropped" stay in view.
import { useEffect, useState } from 'react';
import type { CodeDetail } from '../../../../shared/catalog/catalogTypes';
import { Flags } from '../../components/Flags';
import { Kbd } from '../../components/Kbd';
import { call } from '../../lib/api';

export function CodeFactsPanel({
  code,
  medical,
  open,
  onToggle,
}: {
  code: string;
  medical: boolean;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const [detail, setDetail] = useState<{ code: string; detail: CodeDetail | null } | null>(null);
  useEffect(() => {
    let live = true;
    call('catalog:getCode', { code }).then(
      (d) => live && setDetail({ code, detail: d }),
      () => live && setDetail({ code, detail: null }),
    );
    return () => {
      live = false;
    };
  }, [code]);
  if (!detail || detail.code !== code) return null;
  const c = detail.detail?.code;
  return (
    <section className="panel code-facts" aria-label={`About ${code}`}>
      <details open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
        <summary>
          <h2>About {code}</h2> <Kbd>Alt+I</Kbd>
        </summary>
        {!c ? (
          <p className="muted">This code is not in the imaging catalog.</p>
        ) : (
          <>
            <p>
              <span className="muted">Our summary: </span>
              {c.summary}
            </p>
            <Flags
              deleted={detail.detail!.deleted}
              oftenPriorAuth={c.oftenPriorAuth}
              oftenMedical={c.oftenMedical}
            />
            {medical && c.cpt.length > 0 && (
              <>
                <h3>CPT the medical plan may expect</h3>
                <ul>
                  {c.cpt.map((x) => (
                    <li key={x.code}>
                      <strong>{x.code}</strong> <span className="muted">{x.note}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {detail.detail!.confusedWith.length > 0 && (
              <>
                <h3>Not to be mixed up with</h3>
                <ul>
                  {detail.detail!.confusedWith.map((x) => (
                    <li key={x.code}>
                      <strong>{x.code}</strong> <span className="muted">{x.difference}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {c.documentation.length > 0 && (
              <>
                <h3>Documentation the payer may ask for</h3>
                <ul>
                  {c.documentation.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </>
            )}
            {medical && detail.detail!.icd10.length > 0 && (
              <>
                <h3>Typical diagnoses</h3>
                <ul>
                  {detail.detail!.icd10.slice(0, 4).map((d) => (
                    <li key={d.code}>
                      <strong>{d.code}</strong> <span className="muted">{d.title}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </details>
    </section>
  );
}
