// The one-page patient cost summary, read in ten seconds: what you will likely pay, in large type; what a
// pending prior authorization means for you; then each service and why it costs what it does, in plain
// words, in the patient's language. Columns appear only when they carry a value. Pure: props in, markup
// out; it formats numbers (costSummaryFigures works out the few it needs), never computes money.
// Minimum necessary: patient name, masked member ID, no date of birth, no group number, no call details.
import { printName, type Language } from '../../../shared/catalog/printNames';
import { formatDate } from '../../../shared/dates/typedDate';
import { costSummaryFigures } from '../../../shared/estimate/costSummaryFigures';
import type { SavedEstimate } from '../../../shared/estimate/estimateViews';
import { formatCents } from '../../../shared/money/cents';
import type { Office } from '../../../shared/settings/settings';
import { COST_SUMMARY_TEXT, type ReasonCode, type ReasonFacts } from './costSummaryText';
import { OfficeHeader } from './OfficeHeader';
import { usePageFooter } from './pageFooter';

type View = SavedEstimate['view'];
type Line = View['lines'][number];

const REASONS = new Set<string>([
  'deductible',
  'not_covered',
  'zero_percent',
  'not_active',
  'frequency',
  'waiting_period',
  'age_limit',
  'over_annual_max',
  'over_family_max',
  'downgraded',
  'cob',
  'medical_first',
  'dhmo_not_estimated',
]);

/** The patient-facing reasons for one line, each once: the office's own notes are left out. */
function lineReasons(
  line: Line,
  view: View,
  language: Language,
): Array<{ code: ReasonCode; facts: ReasonFacts }> {
  const twoPlans = view.coverages.length > 1;
  const planOf = (ordinal: 1 | 2) =>
    twoPlans ? view.coverages.find((c) => c.ordinal === ordinal)?.payerName : undefined;
  const out: Array<{ code: ReasonCode; facts: ReasonFacts }> = [];
  if (line.patientCents === null) out.push({ code: 'unknown', facts: {} });
  for (const c of line.coverages) {
    for (const note of c.notes) {
      if (!REASONS.has(note.code)) continue;
      const facts: ReasonFacts = {
        ...(planOf(c.ordinal) ? { plan: planOf(c.ordinal)! } : {}),
        ...(note.date ? { date: formatDate(note.date, language) } : {}),
        ...(note.code === 'deductible' ? { amount: formatCents(c.deductibleCents) } : {}),
      };
      out.push({ code: note.code as ReasonCode, facts });
    }
  }
  for (const flag of line.flags)
    if (flag.code === 'medical_first') out.push({ code: 'medical_first', facts: {} });
  return out.filter(
    (r, i) =>
      out.findIndex((o) => o.code === r.code && JSON.stringify(o.facts) === JSON.stringify(r.facts)) === i,
  );
}

export function CostSummary({ estimate, office }: { estimate: SavedEstimate; office: Office }) {
  const { view } = estimate;
  const language = view.patient.preferredLanguage;
  const t = COST_SUMMARY_TEXT[language];
  usePageFooter(t.footer(estimate.id));
  const date = (iso: string) => formatDate(iso, language);
  const money = (cents: number | null) => (cents === null ? t.notKnownYet : formatCents(cents));
  const figures = costSummaryFigures(view);
  const name = (code: string) => printName(code, language);
  /** Where the primary plan's prior authorization stands for a line (the one a patient asks about). */
  const paText = (line: Line) => {
    const pa = line.priorAuth.find((p) => p.ordinal === 1);
    return pa ? t.priorAuthStatus(pa) : null;
  };
  const verified = view.coverages
    .map((c) => c.lastVerified)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  const reasons = view.lines.map((line) => ({ line, reasons: lineReasons(line, view, language) }));

  return (
    <article className="print-page cost-summary" lang={language}>
      <OfficeHeader office={office} language={language} identifiers={false} />
      <h1 className="print-title">{t.title}</h1>
      <dl className="print-facts">
        <div>
          <dt>{t.patient}</dt>
          <dd>{view.patient.name}</dd>
        </div>
        <div>
          <dt>{t.estimateDate}</dt>
          <dd>{date(estimate.createdAt.slice(0, 10))}</dd>
        </div>
        <div>
          <dt>{t.validUntil}</dt>
          <dd>{date(estimate.validUntil)}</dd>
        </div>
      </dl>

      <section className="print-headline" aria-label={t.youWillLikelyPay}>
        <p className="print-headline-label">
          {figures.patientCents === null ? t.youWillLikelyPayAtLeast : t.youWillLikelyPay}
        </p>
        <p className="print-headline-amount">
          {formatCents(figures.patientCents ?? figures.knownPatientCents)}
        </p>
        <p className="print-headline-detail">
          {t.forServices(view.lines.length, figures.serviceDates.map(date))}{' '}
          {figures.showInsurance && view.totals.insuranceCents !== null
            ? t.insuranceShare(
                formatCents(view.totals.insuranceCents),
                formatCents(view.totals.feeCents),
                view.totals.writeOffCents > 0 ? formatCents(view.totals.writeOffCents) : null,
              )
            : view.selfPay
              ? t.selfPayShare(formatCents(view.totals.feeCents))
              : null}
        </p>
        {figures.unknownLines > 0 && (
          <p className="print-headline-detail">{t.stillConfirming(figures.unknownLines)}</p>
        )}
        {figures.priorAuth.some((p) => p.kind === 'pending') && (
          <p className="print-headline-detail">{t.assumesApproval}</p>
        )}
      </section>

      {figures.priorAuth.length > 0 && (
        <section className="print-callout">
          <h2>{t.priorAuthTitle}</h2>
          {figures.priorAuth.map(({ line, kind }) => (
            <p key={line.id}>
              <strong>{name(line.code)}.</strong>{' '}
              {kind === 'pending'
                ? t.priorAuthPending(formatCents(line.feeCents))
                : kind === 'denied'
                  ? t.priorAuthDenied(formatCents(line.feeCents))
                  : t.priorAuthExpires}
            </p>
          ))}
        </section>
      )}

      <table className="print-table">
        <caption>{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.service}</th>
            {figures.showTooth && <th scope="col">{t.columns.tooth}</th>}
            <th scope="col" className="num">
              {t.columns.fee}
            </th>
            {figures.showInsurance && (
              <th scope="col" className="num">
                {t.columns.insurance}
              </th>
            )}
            {figures.showWriteOff && (
              <th scope="col" className="num">
                {t.columns.writeOff}
              </th>
            )}
            <th scope="col" className="num">
              {t.columns.patient}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((l) => (
            <tr key={l.id}>
              <td className="service">
                {name(l.code)}
                <span className="print-note">{t.serviceMeta(l.code, date(l.serviceDate))}</span>
                {paText(l) && (
                  <span className="print-note">
                    {t.priorAuth}: {paText(l)}
                  </span>
                )}
              </td>
              {figures.showTooth && <td>{l.tooth ?? ''}</td>}
              <td className="num">{formatCents(l.feeCents)}</td>
              {figures.showInsurance && <td className="num">{money(l.insuranceCents)}</td>}
              {figures.showWriteOff && <td className="num">{formatCents(l.writeOffCents)}</td>}
              <td className="num strong">{money(l.patientCents)}</td>
            </tr>
          ))}
        </tbody>
        {view.lines.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={figures.showTooth ? 2 : 1}>
                {t.total}
              </th>
              <td className="num">{formatCents(view.totals.feeCents)}</td>
              {figures.showInsurance && <td className="num">{money(view.totals.insuranceCents)}</td>}
              {figures.showWriteOff && <td className="num">{formatCents(view.totals.writeOffCents)}</td>}
              <td className="num strong">{money(view.totals.patientCents)}</td>
            </tr>
          </tfoot>
        )}
      </table>

      {reasons.some((r) => r.reasons.length > 0) && (
        <section className="print-why">
          <h2>{t.whyTitle}</h2>
          <ul>
            {reasons.flatMap(({ line, reasons: list }) =>
              list.map((r) => (
                <li key={`${line.id}-${r.code}-${JSON.stringify(r.facts)}`}>
                  <strong>{name(line.code)}:</strong> {t.reasons[r.code](r.facts)}
                </li>
              )),
            )}
          </ul>
        </section>
      )}

      {!view.selfPay &&
        view.coverageTotals.map((c) => {
          const coverage = view.coverages.find((x) => x.ordinal === c.ordinal)!;
          const line = t.afterVisit(
            view.coverages.length > 1 ? coverage.payerName : null,
            c.maxRemainingCents === null ? null : formatCents(c.maxRemainingCents),
            c.deductibleRemainingCents === null ? null : formatCents(c.deductibleRemainingCents),
          );
          return line ? (
            <p className="print-remaining" key={c.ordinal}>
              {line}
            </p>
          ) : null;
        })}

      <section className="print-coverage">
        {view.selfPay ? (
          <p>{t.selfPay}</p>
        ) : (
          <ul>
            {view.coverages.map((c) => (
              <li key={c.ordinal}>
                {t.insurance}: {c.payerName}, {c.planName} · {t.memberId} {c.memberIdMasked} ·{' '}
                <span className="nowrap">
                  {c.lastVerified ? `${t.lastVerified} ${date(c.lastVerified)}` : t.notVerified}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="print-disclaimer">
        {view.selfPay
          ? t.selfPayDisclaimer
          : t.disclaimer(
              view.coverages.map((c) => c.payerName).join(', '),
              verified ? date(verified) : null,
            )}{' '}
        {t.questions(office.phone)}
      </p>
      <div className="print-signature">
        <span>{t.signature}</span>
        <span>{t.date}</span>
      </div>
    </article>
  );
}
