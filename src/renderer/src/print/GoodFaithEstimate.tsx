// The Good Faith Estimate printout. Pure: renders the frozen snapshot, so a reprint is identical.
import { printName } from '../../../shared/catalog/printNames';
import { DISPUTE_THRESHOLD_CENTS, type GfeSnapshot } from '../../../shared/estimate/goodFaithEstimate';
import { formatDate } from '../../../shared/dates/typedDate';
import { formatCents } from '../../../shared/money/cents';
import { GFE_TEXT } from './goodFaithEstimateText';
import { usePageFooter } from './pageFooter';

export function GoodFaithEstimate({ gfe }: { gfe: GfeSnapshot }) {
  const t = GFE_TEXT[gfe.language];
  usePageFooter(t.footer(gfe.id));
  return (
    <article className="print-page" lang={gfe.language}>
      <header className="print-header">
        <div className="print-office">{gfe.provider.name}</div>
        <div>
          {gfe.provider.address}
          {gfe.provider.phone && ` · ${gfe.provider.phone}`}
        </div>
        <div>
          {t.npi} {gfe.provider.npi} · {t.tin} {gfe.provider.tin}
        </div>
      </header>
      <h1 className="print-title">
        {t.title} <span className="print-ref">#{gfe.id}</span>
      </h1>
      <p className="print-intro">{t.intro}</p>
      <dl className="print-facts">
        <div>
          <dt>{t.patient}</dt>
          <dd>{gfe.patient.name}</dd>
        </div>
        <div>
          <dt>{t.dob}</dt>
          <dd>{formatDate(gfe.patient.dob, gfe.language)}</dd>
        </div>
        <div>
          <dt>{t.issued}</dt>
          <dd>{formatDate(gfe.issuedOn, gfe.language)}</dd>
        </div>
      </dl>
      <dl className="print-facts">
        <div>
          <dt>{t.primaryService}</dt>
          <dd>{gfe.primaryService}</dd>
        </div>
        <div>
          <dt>{t.scheduled}</dt>
          <dd>{gfe.scheduledDate ? formatDate(gfe.scheduledDate, gfe.language) : t.notScheduled}</dd>
        </div>
      </dl>
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{t.columns.code}</th>
            <th scope="col">{t.columns.service}</th>
            <th scope="col">{t.columns.diagnosis}</th>
            <th scope="col" className="num">
              {t.columns.charge}
            </th>
          </tr>
        </thead>
        <tbody>
          {gfe.items.map((item, i) => (
            <tr key={i}>
              <td>{item.code}</td>
              <td className="service">{printName(item.code, gfe.language)}</td>
              <td className="diagnoses">
                {item.diagnoses
                  ? item.diagnoses.map((d) => (
                      <span key={d.code} className="block">
                        <span className="nowrap">{d.code}</span>
                        {d.title && <span className="muted"> {d.title}</span>}
                      </span>
                    ))
                  : item.diagnosisCodes.join(', ')}
              </td>
              <td className="num">{formatCents(item.expectedCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t.total}
            </th>
            <td className="num strong">{formatCents(gfe.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
      <section className="print-disclaimer gfe-disclaimers">
        {t.disclaimers(formatCents(DISPUTE_THRESHOLD_CENTS)).map((d) => (
          <p key={d.slice(0, 40)}>{d}</p>
        ))}
      </section>
      <p className="print-keep">{t.keep}</p>
    </article>
  );
}
