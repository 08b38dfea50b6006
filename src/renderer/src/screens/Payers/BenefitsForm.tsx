// Plan-level money: maximum, deductibles, coverage by category, waiting periods, COB. Each answer shows
// whether it is known, unknown or stale, and where it came from.
import { useState, type FormEvent } from 'react';
import { formatBp, formatCents, parseMoney, parsePercent } from '../../../../shared/money/cents';
import {
  CATEGORIES,
  COB_METHODS,
  LABELS,
  NETWORK_STATUSES,
  type Category,
  type PlanBenefits,
} from '../../../../shared/policy/policyTypes';
import type { FieldView, Plan } from '../../../../shared/policy/policyViews';
import { ProvenanceLine } from '../../components/Provenance';
import { usePayersStore } from '../../stores/payersStore';

type MoneyKey = 'annualMaxCents' | 'deductibleIndividualCents' | 'deductibleFamilyCents';
const MONEY: Array<[MoneyKey, string]> = [
  ['annualMaxCents', 'Annual maximum'],
  ['deductibleIndividualCents', 'Deductible, individual'],
  ['deductibleFamilyCents', 'Deductible, family'],
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const moneyText = (v: unknown) => (typeof v === 'number' ? formatCents(v) : '');

export function BenefitsForm({ plan }: { plan: Plan }) {
  const b = plan.benefits as Record<keyof PlanBenefits, FieldView>;
  const coverage = (b.coverageByCategory.value ?? {}) as Partial<Record<Category, number>>;
  const waiting = (b.waitingPeriods.value ?? {}) as Partial<Record<Category, number>>;
  const waived = (b.deductibleWaivedCategories.value ?? null) as Category[] | null;

  const [money, setMoney] = useState<Record<MoneyKey, string>>({
    annualMaxCents: moneyText(b.annualMaxCents.value),
    deductibleIndividualCents: moneyText(b.deductibleIndividualCents.value),
    deductibleFamilyCents: moneyText(b.deductibleFamilyCents.value),
  });
  const [percents, setPercents] = useState<Record<Category, string>>(
    Object.fromEntries(
      CATEGORIES.map((c) => [c, coverage[c] === undefined ? '' : formatBp(coverage[c]!)]),
    ) as Record<Category, string>,
  );
  const [waits, setWaits] = useState<Record<Category, string>>(
    Object.fromEntries(
      CATEGORIES.map((c) => [c, waiting[c] === undefined ? '' : String(waiting[c])]),
    ) as Record<Category, string>,
  );
  const [waivedFor, setWaivedFor] = useState<Category[] | null>(waived);
  const [network, setNetwork] = useState(b.networkStatus.value as PlanBenefits['networkStatus']);
  const [cob, setCob] = useState(b.cobMethod.value as PlanBenefits['cobMethod']);
  const [startMonth, setStartMonth] = useState<string>(
    b.benefitYearStartMonth.value === null ? '' : String(b.benefitYearStartMonth.value),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saveBenefits = usePayersStore((s) => s.saveBenefits);
  const reloadPlan = usePayersStore((s) => s.reloadPlan);
  /** The field's source line, with its history and a way to settle a conflict. */
  const source = (field: keyof PlanBenefits, format: (v: unknown) => string = String) => (
    <ProvenanceLine
      view={b[field]}
      address={{ subject: { kind: 'plan', id: plan.id }, field, code: '' }}
      format={format}
      onResolved={() => void reloadPlan(plan.id)}
    />
  );
  const saved = usePayersStore((s) => s.saved);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const patch: Partial<PlanBenefits> = {};
    for (const [key] of MONEY) {
      const text = money[key].trim();
      const cents = text === '' ? null : parseMoney(text);
      if (text !== '' && cents === null) problems[key] = 'Write an amount like $1,500 or 1500.00.';
      else if (cents !== b[key].value) patch[key] = cents;
    }
    const byCategory: Partial<Record<Category, number>> = {};
    for (const c of CATEGORIES) {
      const text = percents[c].trim();
      if (text === '') continue;
      const bp = parsePercent(text);
      if (bp === null) problems[`coverage.${c}`] = 'Write a percent like 80%.';
      else byCategory[c] = bp;
    }
    const waitMonths: Partial<Record<Category, number>> = {};
    for (const c of CATEGORIES) {
      const text = waits[c].trim();
      if (text === '') continue;
      if (!/^\d{1,2}$/.test(text)) problems[`waiting.${c}`] = 'Months, like 6 or 0.';
      else waitMonths[c] = Number(text);
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const coverageValue = Object.keys(byCategory).length > 0 ? byCategory : null;
    if (JSON.stringify(coverageValue) !== JSON.stringify(b.coverageByCategory.value))
      patch.coverageByCategory = coverageValue;
    const waitingValue = Object.keys(waitMonths).length > 0 ? waitMonths : null;
    if (JSON.stringify(waitingValue) !== JSON.stringify(b.waitingPeriods.value))
      patch.waitingPeriods = waitingValue;
    if (JSON.stringify(waivedFor) !== JSON.stringify(b.deductibleWaivedCategories.value))
      patch.deductibleWaivedCategories = waivedFor;
    if (network !== b.networkStatus.value) patch.networkStatus = network;
    if (cob !== b.cobMethod.value) patch.cobMethod = cob;
    const month = startMonth === '' ? null : Number(startMonth);
    if (month !== b.benefitYearStartMonth.value) patch.benefitYearStartMonth = month;
    if (Object.keys(patch).length > 0) void saveBenefits(plan.id, patch);
  };

  return (
    <form className="benefits" onSubmit={onSubmit} aria-label="Plan benefits">
      <div className="benefit-grid">
        <div className="field">
          <label htmlFor="benefit-network">Office network status</label>
          <select
            id="benefit-network"
            value={network}
            onChange={(e) => setNetwork(e.target.value as PlanBenefits['networkStatus'])}
          >
            {NETWORK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LABELS.networkStatus[s]}
              </option>
            ))}
          </select>
          {source(
            'networkStatus',
            (v) => LABELS.networkStatus[v as PlanBenefits['networkStatus']] ?? String(v),
          )}
        </div>
        <div className="field">
          <label htmlFor="benefit-year">Benefit year starts</label>
          <select id="benefit-year" value={startMonth} onChange={(e) => setStartMonth(e.target.value)}>
            <option value="">Unknown</option>
            {MONTHS.map((m, i) => (
              <option key={m} value={String(i + 1)}>
                {m}
                {i === 0 ? ' (calendar year)' : ''}
              </option>
            ))}
          </select>
          {source('benefitYearStartMonth', (v) => MONTHS[Number(v) - 1] ?? String(v))}
        </div>
        {MONEY.map(([key, label]) => (
          <div className="field" key={key}>
            <label htmlFor={`benefit-${key}`}>{label}</label>
            <input
              id={`benefit-${key}`}
              value={money[key]}
              placeholder="Unknown"
              aria-invalid={errors[key] ? true : undefined}
              onChange={(e) => setMoney({ ...money, [key]: e.target.value })}
            />
            {errors[key] && <p className="field-error">{errors[key]}</p>}
            {source(key, moneyText)}
          </div>
        ))}
        <div className="field">
          <label htmlFor="benefit-cob">Coordination of benefits (as secondary)</label>
          <select
            id="benefit-cob"
            value={cob}
            onChange={(e) => setCob(e.target.value as PlanBenefits['cobMethod'])}
          >
            {COB_METHODS.map((m) => (
              <option key={m} value={m}>
                {LABELS.cobMethod[m]}
              </option>
            ))}
          </select>
          {source('cobMethod', (v) => LABELS.cobMethod[v as PlanBenefits['cobMethod']] ?? String(v))}
        </div>
      </div>
      <table className="category-table">
        <caption>By category (leave empty when unknown)</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Coverage %</th>
            <th scope="col">Waiting period (months)</th>
            <th scope="col">Deductible waived</th>
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map((c) => (
            <tr key={c}>
              <th scope="row">{LABELS.category[c]}</th>
              <td>
                <input
                  aria-label={`${LABELS.category[c]} coverage percent`}
                  value={percents[c]}
                  placeholder="Unknown"
                  onChange={(e) => setPercents({ ...percents, [c]: e.target.value })}
                />
                {errors[`coverage.${c}`] && <p className="field-error">{errors[`coverage.${c}`]}</p>}
              </td>
              <td>
                <input
                  aria-label={`${LABELS.category[c]} waiting period in months`}
                  value={waits[c]}
                  placeholder="Unknown"
                  onChange={(e) => setWaits({ ...waits, [c]: e.target.value })}
                />
                {errors[`waiting.${c}`] && <p className="field-error">{errors[`waiting.${c}`]}</p>}
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Deductible waived for ${LABELS.category[c]}`}
                  checked={waivedFor?.includes(c) ?? false}
                  onChange={(e) =>
                    setWaivedFor(
                      e.target.checked ? [...(waivedFor ?? []), c] : (waivedFor ?? []).filter((x) => x !== c),
                    )
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Coverage: <ProvenanceInline view={b.coverageByCategory} /> · Waiting periods:{' '}
        <ProvenanceInline view={b.waitingPeriods} /> · Deductible waivers:{' '}
        <ProvenanceInline view={b.deductibleWaivedCategories} />
      </p>
      <div className="form-actions">
        <button type="submit" className="primary">
          Save benefits
        </button>
        {saved && <span className="saved">{saved}</span>}
      </div>
    </form>
  );
}

function ProvenanceInline({ view }: { view: FieldView }) {
  return (
    <span className={`status-${view.status}`}>{view.status === 'unknown' ? 'unknown' : view.status}</span>
  );
}
