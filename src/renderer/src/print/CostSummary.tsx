// The one-page patient cost summary. Pure: props in, markup out; it formats numbers, never computes them.
// Minimum necessary: patient name, masked member ID, no date of birth, no group number, no call details.
import { printName } from '../../../shared/catalog/printNames';
import type { SavedEstimate } from '../../../shared/estimate/estimateViews';
import { formatCents } from '../../../shared/money/cents';
import type { Office } from '../../../shared/settings/settings';
import { COST_SUMMARY_TEXT } from './costSummaryText';
import { OfficeHeader } from './OfficeHeader';
import { usePageFooter } from './pageFooter';

export function CostSummary({ estimate, office }: { estimate: SavedEstimate; office: Office }) {
  const { view } = estimate;
  const language = view.patient.preferredLanguage;
  const t = COST_SUMMARY_TEXT[language];
  usePageFooter(t.footer(estimate.id));
  const money = (cents: number | null) => (cents === null ? t.unknownAmount : formatCents(cents));
  /** A note in the patient's language; a frequency note keeps its next-eligible date, unbroken. */
  const noteText = (code: string, text: string): { label: string; date: string | null } => ({
    label: t.notes[code] ?? t.notes.unknown!,
    date: code === 'frequency' ? (/\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? null) : null,
  });
  /** The primary plan's prior authorization for a line (a patient asks about that one). */
  const paStatus = (line: SavedEstimate['view']['lines'][number]) => {
    const pa = (line.priorAuth ?? []).find((p) => p.ordinal === 1);
    return pa ? t.priorAuthStatus(pa) : null;
  };
  const verifiedDates = view.coverages
    .map((c) => c.lastVerified)
    .filter((d): d is string => d !== null)
    .sort();

  return (
    <article className="print-page" lang={language}>
      <OfficeHeader office={office} />
      <h1 className="print-title">{t.title}</h1>
      <p className="print-intro">{t.intro}</p>
      <dl className="print-facts">
        <div>
          <dt>{t.patient}</dt>
          <dd>{view.patient.name}</dd>
        </div>
        <div>
          <dt>{t.estimateDate}</dt>
          <dd>{estimate.createdAt.slice(0, 10)}</dd>
        </div>
        <div>
          <dt>{t.validUntil}</dt>
          <dd>{estimate.validUntil}</dd>
        </div>
      </dl>
      <section className="print-coverage">
        <h2>{t.insurance}</h2>
        {view.selfPay ? (
          <p>{t.selfPay}</p>
        ) : (
          <ul>
            {view.coverages.map((c) => (
              <li key={c.ordinal}>
                {c.payerName}, {c.planName} · {t.memberId} {c.memberIdMasked} · {t.lastVerified}:{' '}
                <span className="nowrap">{c.lastVerified ?? t.notVerified}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{t.columns.code}</th>
            <th scope="col">{t.columns.service}</th>
            <th scope="col">{t.columns.tooth}</th>
            <th scope="col" className="num">
              {t.columns.fee}
            </th>
            <th scope="col" className="num">
              {t.columns.insurance}
            </th>
            <th scope="col" className="num">
              {t.columns.writeOff}
            </th>
            <th scope="col" className="num">
              {t.columns.patient}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((l) => {
            const pa = paStatus(l);
            const all = [
              ...(l.patientCents === null ? [{ label: t.notes.unknown!, date: null }] : []),
              ...l.coverages.flatMap((c) =>
                c.notes.filter((n) => n.code !== 'deductible').map((n) => noteText(n.code, n.text)),
              ),
              ...l.flags.filter((f) => !f.code.startsWith('prior_auth')).map((f) => noteText(f.code, f.text)),
            ];
            // The same note from both coverages prints once.
            const notes = all.filter(
              (n, i) => all.findIndex((m) => m.label === n.label && m.date === n.date) === i,
            );
            return (
              <tr key={l.id}>
                <td>{l.code}</td>
                <td className="service">
                  {printName(l.code, language)}
                  {pa && (
                    <span className="print-note">
                      {t.priorAuth}: {pa}
                    </span>
                  )}
                  {notes.map((n) => (
                    <span className="print-note" key={`${n.label}${n.date ?? ''}`}>
                      {n.label}
                      {n.date && (
                        <>
                          {' '}
                          (<span className="nowrap">{t.nextEligible(n.date)}</span>)
                        </>
                      )}
                    </span>
                  ))}
                </td>
                <td>{l.tooth ?? ''}</td>
                <td className="num">{money(l.feeCents)}</td>
                <td className="num">{money(l.insuranceCents)}</td>
                <td className="num">{money(l.writeOffCents)}</td>
                <td className="num strong">{money(l.patientCents)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t.total}
            </th>
            <td className="num">{money(view.totals.feeCents)}</td>
            <td className="num">{money(view.totals.insuranceCents)}</td>
            <td className="num">{money(view.totals.writeOffCents)}</td>
            <td className="num strong">{money(view.totals.patientCents)}</td>
          </tr>
        </tfoot>
      </table>
      {!view.selfPay &&
        view.coverageTotals.map((c) => {
          const coverage = view.coverages.find((x) => x.ordinal === c.ordinal)!;
          return (
            <p className="print-remaining" key={c.ordinal}>
              {t.remaining(coverage.payerName, money(c.maxRemainingCents), money(c.deductibleRemainingCents))}
            </p>
          );
        })}
      <p className="print-disclaimer">
        {view.selfPay
          ? t.selfPayDisclaimer
          : t.disclaimer(
              view.coverages.map((c) => c.payerName).join(', '),
              verifiedDates.at(-1) ?? t.notVerified,
            )}
      </p>
      <div className="print-signature">
        <span>{t.signature}</span>
        <span>{t.date}</span>
      </div>
    </article>
  );
}
