// What a 271 says about one member, line by line, in words, and the ledger statements each line makes.
// Plan-wide answers (maximums, deductibles, coinsurance by category, per-code coverage, frequency and
// prior authorization, the payer's messages) are about the plan; eligibility dates and what is met or
// left are about the member's coverage; last-service dates are the patient's history. A line the
// reader cannot map is kept as words and recorded nowhere: nothing is guessed.
import { formatDate } from '../dates/typedDate';
import { checkFrequency } from '../estimate/frequency';
import { factField, SERVICE_FIELD, fieldSpec } from '../ledger/fields';
import { FULL_BP, formatBp, formatCents, parseMoney } from '../money/cents';
import { formatAgeLimits, formatFrequency } from '../policy/fieldText';
import { CATEGORIES, LABELS, type Category, type Frequency } from '../policy/policyTypes';
import { answerWords } from '../script/answerWords';
import { DEFAULT_SCRIPT } from '../script/defaultScript';
import { MEDICAL_SCRIPT } from '../script/medicalScript';
import type { Answer } from '../script/scriptTypes';
import type { Benefit, Member, QualifiedDate } from '../x12/read271';
import {
  ACTIVE_INFO,
  BENEFIT_INFO_LABELS,
  DENTAL_CATEGORY,
  ENTITY_ROLE_LABELS,
  INACTIVE_INFO,
  INSURANCE_TYPE_LABELS,
  LEVEL_LABELS,
  MEDICAL_IMAGING_RANK,
  PERIOD_LABELS,
  PLAN_TYPE_OF_INSURANCE,
  rejectionWords,
  serviceTypeWords,
} from './serviceTypes';

export type FileTarget = 'plan' | 'coverage' | 'patient';

export interface FileStatement {
  target: FileTarget;
  field: string;
  /** '' for plan- or coverage-wide fields. */
  code: string;
  value: unknown;
  /** "Annual maximum: $1,500.00". */
  words: string;
}

export interface Finding {
  /** Stable within a member: "coverage", "maximum", "deductible", "coinsurance", "code:D0367:4812"… */
  key: string;
  /** What the line is about, in two or three words. */
  topic: string;
  /** What the file says, in words. */
  words: string[];
  statements: FileStatement[];
  /** What a person should look at (a contradiction, a value not recorded and why). */
  notes: string[];
  /** The segments it was read from, as written. */
  raw: string[];
}

export interface ReadingOptions {
  /** The file's date (BHT04): frequency windows are counted to it. */
  fileDate: string;
  /** EB08 is the patient's share (as the guide says) or, for payers known to invert it, the plan's. */
  coinsurance: 'patient_share' | 'plan_share';
  /** The plan the member matched: dental plans take dental lines; a medical plan its imaging line. */
  planKind: 'dental' | 'medical';
  /** Whether the office is out of the plan's network (then the out-of-network amounts apply). */
  network: 'in' | 'out';
}

export interface MemberReading {
  status: 'active' | 'inactive' | 'not_stated';
  effectiveDate: string | null;
  terminationDate: string | null;
  /** REF*6P (or 1L) in the member's or subscriber's loop. */
  groupNumber: string | null;
  /** AAA in the member's loop, in words: the payer did not answer for this member. */
  rejections: string[];
  findings: Finding[];
}

const STEP_LABELS = new Map(
  [...DEFAULT_SCRIPT.steps, ...MEDICAL_SCRIPT.steps].map((s) => [s.id, { label: s.label, step: s }]),
);

// ---- values in words ----

function labelOf(field: string): string {
  if (field.startsWith('fact:')) return STEP_LABELS.get(field.slice(5))?.label ?? field.slice(5);
  return fieldSpec(field)?.label ?? field;
}

export function valueWords(field: string, value: unknown): string {
  if (field.startsWith('fact:')) {
    const step = STEP_LABELS.get(field.slice(5))?.step;
    return answerWords(value as Answer, step);
  }
  switch (field) {
    case 'annualMaxCents':
    case 'deductibleIndividualCents':
    case 'deductibleFamilyCents':
    case 'maxUsedCents':
    case 'maxRemainingCents':
    case 'deductibleMetCents':
    case 'allowedFeeCents':
      return formatCents(value as number);
    case 'coverageBp':
      return `plan pays ${formatBp(value as number)}`;
    case 'coverageByCategory':
      return CATEGORIES.filter((c) => (value as Record<string, number>)[c] !== undefined)
        .map((c) => `${LABELS.category[c]} ${formatBp((value as Record<string, number>)[c]!)}`)
        .join(', ');
    case 'deductibleWaivedCategories':
      return (value as Category[]).map((c) => LABELS.category[c]).join(', ');
    case 'benefitYearStartMonth':
      return value === 1 ? 'January (calendar year)' : `month ${String(value)}`;
    case 'effectiveDate':
    case 'terminationDate':
    case 'nextEligibleOn':
      return formatDate(value as string);
    case 'covered':
    case 'medicalFirst':
      return LABELS.triState[value as 'yes' | 'no' | 'unknown'];
    case 'priorAuth':
      return LABELS.priorAuth[value as keyof typeof LABELS.priorAuth];
    case 'frequency':
      return formatFrequency(value as Frequency);
    case 'ageLimits':
      return formatAgeLimits(value as { min: number | null; max: number | null });
    case SERVICE_FIELD:
      return `${formatDate((value as { date: string }).date)} (payer's history)`;
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function statement(target: FileTarget, field: string, code: string, value: unknown): FileStatement {
  return {
    target,
    field,
    code,
    value,
    words: `${code ? `${code} ` : ''}${labelOf(field)}: ${valueWords(field, value)}`,
  };
}

const textFact = (text: string): Answer => ({ type: 'text', value: text });

// ---- numbers as the file writes them ----

/** EB07: a decimal amount of dollars -> cents; null when it is not one. */
function amountCents(text: string): number | null {
  return /^\d+(\.\d{1,2})?$/.test(text.trim()) ? parseMoney(text.trim()) : null;
}

/** EB08: a decimal fraction ("0.2") -> basis points (2000), rounded half up at the fifth place. */
export function fractionBp(text: string): number | null {
  const m = /^(0|1)?(?:\.(\d+))?$/.exec(text.trim());
  if (!m || text.trim() === '' || text.trim() === '.') return null;
  const whole = Number(m[1] ?? '0');
  const digits = (m[2] ?? '').padEnd(5, '0');
  let bp = whole * FULL_BP + Number(digits.slice(0, 4));
  if (Number(digits[4]) >= 5) bp += 1;
  return bp <= FULL_BP ? bp : null;
}

const count = (text: string) => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : null);

// ---- pieces of a benefit in words ----

function networkWords(b: Benefit): string {
  return b.inNetwork === 'Y' ? 'in network' : b.inNetwork === 'N' ? 'out of network' : '';
}

function headline(b: Benefit, share?: (percent: string) => string | null): string {
  const parts = [
    BENEFIT_INFO_LABELS[b.info] ?? `Benefit code ${b.info}`,
    b.level ? (LEVEL_LABELS[b.level] ?? b.level) : '',
    b.serviceTypes.map(serviceTypeWords).join(', '),
    b.insuranceType ? (INSURANCE_TYPE_LABELS[b.insuranceType] ?? b.insuranceType) : '',
    b.planDescription ? `"${b.planDescription}"` : '',
    b.amount
      ? amountCents(b.amount) === null
        ? `amount "${b.amount}"`
        : formatCents(amountCents(b.amount)!)
      : '',
    b.percent ? (share?.(b.percent) ?? `percent "${b.percent}" as sent`) : '',
    b.period ? (PERIOD_LABELS[b.period] ?? `period ${b.period}`) : '',
    b.quantityQualifier ? `${b.quantityQualifier} ${b.quantity}` : '',
    b.authorization === 'Y' ? 'authorization required' : b.authorization === 'N' ? 'no authorization' : '',
    networkWords(b),
    b.procedure
      ? `${b.procedure.qualifier}:${b.procedure.code}${b.procedure.rangeEnd ? `-${b.procedure.rangeEnd}` : ''}`
      : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function extraWords(b: Benefit): string[] {
  const out: string[] = [];
  for (const f of b.frequencies) {
    const what =
      f.quantityQualifier === 'VS' ? (f.quantity === '1' ? 'visit' : 'visits') : f.quantityQualifier;
    const unit = HSD_PERIODS[f.period];
    const window = unit
      ? f.periods && f.periods !== '1'
        ? `per ${f.periods} ${unit[1]}`
        : `per ${unit[0]}`
      : `period ${f.period || '–'} ${f.periods}`.trim();
    out.push(`Frequency: ${f.quantity} ${what} ${window}${f.unit ? ` (unit ${f.unit})` : ''}`);
  }
  for (const d of b.dates)
    out.push(
      d.qualifier === '304'
        ? `Last done ${formatDate(d.from)}`
        : `Date ${d.qualifier}: ${formatDate(d.from)}${d.to !== d.from ? ` to ${formatDate(d.to)}` : ''}`,
    );
  for (const r of b.references)
    out.push(`Reference ${r.qualifier}: ${r.id}${r.description ? ` (${r.description})` : ''}`);
  for (const p of b.placesOfService) out.push(`Place of service ${p}${p === '11' ? ' (office)' : ''}`);
  for (const e of b.entities)
    out.push(
      `${ENTITY_ROLE_LABELS[e.role] ?? e.role}: ${e.name}${e.id ? `, ${e.idQualifier === 'PI' ? 'payer ID' : 'ID'} ${e.id}` : ''}${e.contacts
        .map(
          (c) =>
            `, ${c.qualifier === 'TE' ? 'phone' : c.qualifier === 'UR' ? 'web' : c.qualifier === 'FX' ? 'fax' : c.qualifier} ${c.value}`,
        )
        .join('')}`,
    );
  for (const m of b.messages) out.push(`Message: "${m}"`);
  return out;
}

/** HSD05 time periods as words: one period, several. */
const HSD_PERIODS: Record<string, [string, string]> = {
  '7': ['day', 'days'],
  '21': ['year', 'years'],
  '22': ['service year', 'service years'],
  '23': ['calendar year', 'calendar years'],
  '27': ['visit', 'visits'],
  '32': ['lifetime', 'lifetimes'],
  '34': ['month', 'months'],
  '35': ['week', 'weeks'],
};

// ---- frequency and age from a benefit ----

function frequencyOf(b: Benefit): Frequency | null {
  for (const h of b.frequencies) {
    const n = count(h.quantity);
    if (n === null || n < 1 || n > 99) continue;
    const periods = h.periods === '' ? 1 : count(h.periods);
    if (periods === null || periods < 1) continue;
    if (h.period === '34' && periods <= 120)
      return { count: n, per: 'months', months: periods, sharedWith: [] };
    if (h.period === '21' && periods * 12 <= 120)
      return { count: n, per: 'months', months: periods * 12, sharedWith: [] };
    if (periods === 1 && h.period === '23')
      return { count: n, per: 'calendar_year', months: null, sharedWith: [] };
    if (periods === 1 && h.period === '22')
      return { count: n, per: 'benefit_year', months: null, sharedWith: [] };
    if (h.period === '32') return { count: n, per: 'lifetime', months: null, sharedWith: [] };
  }
  const n = count(b.quantity);
  if (n !== null && n >= 1 && n <= 99 && ['P6', 'VS'].includes(b.quantityQualifier)) {
    if (b.period === '32') return { count: n, per: 'lifetime', months: null, sharedWith: [] };
    if (b.period === '23') return { count: n, per: 'calendar_year', months: null, sharedWith: [] };
    if (b.period === '22') return { count: n, per: 'benefit_year', months: null, sharedWith: [] };
  }
  return null;
}

function ageLimitsOf(b: Benefit): { min: number | null; max: number | null } | null {
  const n = count(b.quantity);
  if (n === null || n > 120) return null;
  if (b.quantityQualifier === 'S8') return { min: n, max: null };
  if (b.quantityQualifier === 'S7') return { min: null, max: n };
  return null;
}

/** The CDT codes a benefit is about: one, or a range written EB13-2 … EB13-8 (at most 20 codes). */
function cdtCodes(b: Benefit): string[] {
  const p = b.procedure;
  if (!p || p.qualifier !== 'AD' || !/^D\d{4}$/.test(p.code)) return [];
  if (!p.rangeEnd) return [p.code];
  if (!/^D\d{4}$/.test(p.rangeEnd)) return [];
  const from = Number(p.code.slice(1));
  const to = Number(p.rangeEnd.slice(1));
  if (to < from || to - from >= 20) return [];
  return Array.from({ length: to - from + 1 }, (_, i) => `D${String(from + i).padStart(4, '0')}`);
}

const isPlanWide = (b: Benefit, planKind: 'dental' | 'medical') =>
  b.procedure === null &&
  (b.serviceTypes.length === 0 ||
    b.serviceTypes.includes(planKind === 'dental' ? '35' : '30') ||
    (planKind === 'dental' && b.serviceTypes.includes('30')));

const inChosenNetwork = (b: Benefit, network: 'in' | 'out') =>
  network === 'in' ? b.inNetwork !== 'N' : b.inNetwork !== 'Y';

const YEARLY = ['22', '23', '25', ''];

function firstDate(
  dates: readonly QualifiedDate[],
  qualifiers: readonly string[],
  end = false,
): string | null {
  for (const q of qualifiers) {
    const d = dates.find((x) => x.qualifier === q);
    if (d) return end ? d.to : d.from;
  }
  return null;
}

// ---- the reading ----

export function readMemberBenefits(
  member: Member,
  subscriber: Member | null,
  options: ReadingOptions,
): MemberReading {
  const findings: Finding[] = [];
  const refs = [...member.references, ...(subscriber?.references ?? [])];
  const groupNumber =
    refs.find((r) => r.qualifier === '6P')?.id ?? refs.find((r) => r.qualifier === '1L')?.id ?? null;
  const rejections = member.rejections.filter((r) => !r.valid || r.reason !== '').map(rejectionWords);
  const benefits = member.benefits;
  const used = new Set<Benefit>();
  const raw = (list: readonly Benefit[]) => list.flatMap((b) => b.raw);
  const convert = (pct: string): { plan: number; patient: number } | null => {
    const bp = fractionBp(pct);
    if (bp === null) return null;
    return options.coinsurance === 'patient_share'
      ? { plan: FULL_BP - bp, patient: bp }
      : { plan: bp, patient: FULL_BP - bp };
  };
  const shareWords = (s: { plan: number; patient: number }) =>
    `patient pays ${formatBp(s.patient)}, plan pays ${formatBp(s.plan)}`;
  const directionNote =
    options.coinsurance === 'patient_share'
      ? 'Percents read as the patient’s share, as the 271 guide says.'
      : 'Percents read as the plan’s share: this payer is set to send them inverted.';

  // Eligibility: the first active or inactive line, with the member's dates and group.
  const eligibility = benefits.find((b) => ACTIVE_INFO.includes(b.info) || INACTIVE_INFO.includes(b.info));
  // A dependent's dates are its own (2100D); the subscriber's plan dates are theirs.
  const dates = [...member.dates, ...(eligibility?.dates ?? [])];
  const effectiveDate = firstDate(dates, ['356', '346', '539', '307']);
  const terminationDate = firstDate(dates, ['357', '347', '540'], true);
  const status = !eligibility ? 'not_stated' : ACTIVE_INFO.includes(eligibility.info) ? 'active' : 'inactive';
  {
    const statements: FileStatement[] = [];
    const notes: string[] = [];
    const words: string[] = [];
    if (eligibility) {
      used.add(eligibility);
      words.push(headline(eligibility));
    } else words.push('The file does not say whether the coverage is active.');
    if (effectiveDate) {
      words.push(`Coverage starts ${formatDate(effectiveDate)}`);
      statements.push(statement('coverage', 'effectiveDate', '', effectiveDate));
    }
    if (terminationDate) {
      words.push(`Coverage ends ${formatDate(terminationDate)}`);
      statements.push(statement('coverage', 'terminationDate', '', terminationDate));
    }
    if (groupNumber) words.push(`Group number ${groupNumber}`);
    if (status === 'inactive')
      notes.push(
        terminationDate
          ? 'The payer says this coverage is not active.'
          : 'The payer says this coverage is not active, and gives no end date: nothing about its end is recorded.',
      );
    const planType = eligibility ? PLAN_TYPE_OF_INSURANCE[eligibility.insuranceType] : undefined;
    if (planType && options.planKind === 'dental' && status === 'active')
      statements.push(statement('plan', factField('plan_type'), '', { type: 'choice', value: planType }));
    findings.push({
      key: 'coverage',
      topic: 'Coverage',
      words,
      statements,
      notes,
      raw: [...member.raw.filter((r) => /^(NM1|REF|DTP|DMG|INS)/.test(r)), ...(eligibility?.raw ?? [])],
    });
  }

  const planWideMoney = benefits.filter(
    (b) =>
      (b.info === 'C' || b.info === 'F' || b.info === 'G') &&
      b.amount !== '' &&
      isPlanWide(b, options.planKind),
  );
  const chosen = planWideMoney.filter((b) => inChosenNetwork(b, options.network));
  const yearMonth = (b: Benefit): number | null => {
    if (b.period === '23') return 1;
    if (b.period === '22') {
      const d = firstDate([...b.dates, ...dates], ['292', '348', '346']);
      return d ? Number(d.slice(5, 7)) : null;
    }
    return null;
  };

  // Maximums and deductibles (dental plans: VerifyDesk's fields are dental-plan fields).
  for (const kind of ['F', 'C'] as const) {
    const lines = planWideMoney.filter((b) => b.info === kind);
    if (lines.length === 0) continue;
    lines.forEach((b) => used.add(b));
    const words = lines.map((b) => headline(b));
    const statements: FileStatement[] = [];
    const notes: string[] = [];
    if (options.planKind === 'dental') {
      const pick = (level: string, periods: readonly string[]) =>
        chosen.find(
          (b) =>
            b.info === kind &&
            b.level === level &&
            periods.includes(b.period) &&
            amountCents(b.amount) !== null,
        );
      const yearly = pick('IND', YEARLY);
      const remaining = pick('IND', ['29']);
      const soFar = pick('IND', ['24']);
      const family = pick('FAM', YEARLY);
      if (kind === 'F') {
        if (yearly) statements.push(statement('plan', 'annualMaxCents', '', amountCents(yearly.amount)));
        if (remaining)
          statements.push(statement('coverage', 'maxRemainingCents', '', amountCents(remaining.amount)));
        if (soFar) statements.push(statement('coverage', 'maxUsedCents', '', amountCents(soFar.amount)));
      } else {
        if (yearly)
          statements.push(statement('plan', 'deductibleIndividualCents', '', amountCents(yearly.amount)));
        if (family)
          statements.push(statement('plan', 'deductibleFamilyCents', '', amountCents(family.amount)));
        if (soFar)
          statements.push(statement('coverage', 'deductibleMetCents', '', amountCents(soFar.amount)));
        else if (remaining && yearly) {
          const met = amountCents(yearly.amount)! - amountCents(remaining.amount)!;
          if (met >= 0) {
            statements.push(statement('coverage', 'deductibleMetCents', '', met));
            notes.push(
              `Deductible met is worked out from the file: ${formatCents(amountCents(yearly.amount)!)} deductible less ${formatCents(amountCents(remaining.amount)!)} remaining.`,
            );
          }
        } else if (remaining)
          notes.push(
            'The file gives what is left of the deductible but not the deductible itself: what is met is not recorded.',
          );
      }
      // The benefit year is the plan's, whichever network's line says it.
      const month = planWideMoney.map(yearMonth).find((m) => m !== null) ?? null;
      if (
        month !== null &&
        !findings.some((f) => f.statements.some((s) => s.field === 'benefitYearStartMonth'))
      )
        statements.push(statement('plan', 'benefitYearStartMonth', '', month));
      const other = planWideMoney.filter((b) => b.info === kind && !inChosenNetwork(b, options.network));
      if (other.length > 0)
        notes.push(
          `${other.length === 1 ? 'One line is' : `${other.length} lines are`} for ${options.network === 'in' ? 'out-of-network' : 'in-network'} care: shown, not recorded (the office is ${options.network === 'in' ? 'in' : 'out of'} network).`,
        );
    } else
      notes.push(
        'On a medical plan these amounts are shown for the call; VerifyDesk records dental-plan amounts only.',
      );
    const messages = lines.flatMap((b) => b.messages);
    if (messages.length > 0) words.push(...messages.map((m) => `Message: "${m}"`));
    findings.push({
      key: kind === 'F' ? 'maximum' : 'deductible',
      topic: kind === 'F' ? 'Maximum' : 'Deductible',
      words,
      statements,
      notes,
      raw: raw(lines),
    });
  }

  // Deductible not applied (a zero deductible for a service type): the waived categories.
  const waived = benefits.filter(
    (b) =>
      b.info === 'C' &&
      b.procedure === null &&
      b.level === 'IND' &&
      amountCents(b.amount) === 0 &&
      b.serviceTypes.some((t) => DENTAL_CATEGORY[t]),
  );
  if (waived.length > 0 && options.planKind === 'dental') {
    waived.forEach((b) => used.add(b));
    const categories = [
      ...new Set(waived.flatMap((b) => b.serviceTypes.map((t) => DENTAL_CATEGORY[t]?.category))),
    ]
      .filter((c): c is Category => c !== undefined)
      .sort((a, b) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b));
    findings.push({
      key: 'deductible_waived',
      topic: 'Deductible waived',
      words: waived.map((b) => headline(b)),
      statements: [statement('plan', 'deductibleWaivedCategories', '', categories)],
      notes: [],
      raw: raw(waived),
    });
  }

  // Coinsurance by service type, for the whole plan.
  const coinsurance = benefits.filter(
    (b) => b.info === 'A' && b.procedure === null && b.serviceTypes.length > 0,
  );
  if (coinsurance.length > 0) {
    coinsurance.forEach((b) => used.add(b));
    const words: string[] = [];
    const notes: string[] = [directionNote];
    const statements: FileStatement[] = [];
    const best = new Map<string, { rank: number; plan: number; from: string }>();
    for (const b of coinsurance) {
      const share = convert(b.percent);
      const net = networkWords(b);
      words.push(
        `${b.serviceTypes.map(serviceTypeWords).join(', ')}: ${share ? shareWords(share) : `percent "${b.percent}" not readable`}${net ? `, ${net}` : ''}`,
      );
      if (!share || !inChosenNetwork(b, options.network) || b.level === 'FAM') continue;
      for (const t of b.serviceTypes) {
        const target =
          options.planKind === 'dental'
            ? DENTAL_CATEGORY[t] && { key: DENTAL_CATEGORY[t].category, rank: DENTAL_CATEGORY[t].rank }
            : MEDICAL_IMAGING_RANK[t] !== undefined && { key: 'medical', rank: MEDICAL_IMAGING_RANK[t] };
        if (!target) continue;
        const had = best.get(target.key);
        if (!had || target.rank < had.rank)
          best.set(target.key, { rank: target.rank, plan: share.plan, from: t });
      }
    }
    if (options.planKind === 'dental') {
      const byCategory = Object.fromEntries(
        CATEGORIES.filter((c) => best.has(c)).map((c) => [c, best.get(c)!.plan]),
      );
      if (Object.keys(byCategory).length > 0)
        statements.push(statement('plan', 'coverageByCategory', '', byCategory));
      for (const b of coinsurance)
        for (const t of b.serviceTypes) {
          const m = DENTAL_CATEGORY[t];
          if (m && best.get(m.category)?.from !== t && inChosenNetwork(b, options.network))
            notes.push(
              `${serviceTypeWords(t)} is not used for ${LABELS.category[m.category]}: ${serviceTypeWords(best.get(m.category)!.from)} is, because the imaging codes follow it.`,
            );
          if (!m && t !== '35')
            notes.push(
              `${serviceTypeWords(t)} has no category of its own in VerifyDesk: shown, not recorded.`,
            );
        }
    } else {
      const imaging = best.get('medical');
      if (imaging)
        statements.push(
          statement('plan', factField('medical_coinsurance'), '', { type: 'percent', value: imaging.plan }),
        );
    }
    findings.push({
      key: 'coinsurance',
      topic: 'Coinsurance',
      words,
      statements,
      notes,
      raw: raw(coinsurance),
    });
  }

  // Per code: one line per EB that names CDT codes.
  for (const b of benefits.filter((x) => x.procedure !== null)) {
    used.add(b);
    const codes = cdtCodes(b);
    const words = [
      headline(b, b.info === 'A' ? (p) => (convert(p) ? shareWords(convert(p)!) : null) : undefined),
      ...extraWords(b),
    ];
    const notes: string[] = b.rejections.map(rejectionWords);
    const statements: FileStatement[] = [];
    const topic = codes.length > 0 ? codes.join(', ') : `${b.procedure!.qualifier}:${b.procedure!.code}`;
    if (codes.length === 0)
      notes.push(
        'Not a CDT code VerifyDesk can record (or a range of more than 20 codes): shown, not recorded.',
      );
    else if (!inChosenNetwork(b, options.network))
      notes.push(
        `For ${options.network === 'in' ? 'out-of-network' : 'in-network'} care: shown, not recorded.`,
      );
    else if (options.planKind === 'medical')
      notes.push('A dental code on a medical plan’s file: shown, not recorded.');
    else {
      const lastDone = b.dates.filter((d) => d.qualifier === '304').map((d) => d.from);
      const frequency = b.info === 'F' ? frequencyOf(b) : null;
      const age = b.info === 'F' ? ageLimitsOf(b) : null;
      for (const code of codes) {
        if (['A', 'B', '1'].includes(b.info)) statements.push(statement('plan', 'covered', code, 'yes'));
        if (b.info === 'I') statements.push(statement('plan', 'covered', code, 'no'));
        if (b.info === 'A') {
          const share = convert(b.percent);
          if (share) statements.push(statement('plan', 'coverageBp', code, share.plan));
          else if (b.percent !== '')
            notes.push(`The percent "${b.percent}" is not a fraction: not recorded.`);
        }
        if (b.authorization === 'Y') statements.push(statement('plan', 'priorAuth', code, 'required'));
        if (b.authorization === 'N') statements.push(statement('plan', 'priorAuth', code, 'not_required'));
        if (frequency) statements.push(statement('plan', 'frequency', code, frequency));
        if (age) statements.push(statement('plan', 'ageLimits', code, age));
        for (const date of lastDone)
          if (date <= options.fileDate)
            statements.push(statement('patient', SERVICE_FIELD, code, { date, reportedBy: 'payer' }));
        if (frequency && lastDone.length > 0) {
          const check = checkFrequency(frequency, lastDone, options.fileDate, null);
          if (
            'exhausted' in check &&
            check.exhausted &&
            check.nextEligible &&
            check.nextEligible > options.fileDate
          ) {
            statements.push(statement('coverage', 'nextEligibleOn', code, check.nextEligible));
            notes.push(
              `Next eligible ${formatDate(check.nextEligible)}: ${formatFrequency(frequency)} from the last service on ${formatDate(lastDone.sort().at(-1)!)} (VerifyDesk's date maths).`,
            );
          }
        }
        const text = b.messages.join('\n');
        if (text !== '') {
          const stepId = b.info === 'I' ? 'exclusion_wording' : 'limitations';
          if (text.length <= 500) statements.push(statement('plan', factField(stepId), code, textFact(text)));
          else
            notes.push(
              'The messages are longer than the 500 characters a plan answer holds: shown here and kept with the file.',
            );
        }
      }
      if (b.info === 'A') notes.push(directionNote);
      if (b.info === 'F' && !frequency && !age && lastDone.length === 0)
        notes.push('No frequency VerifyDesk can read (count and window): shown, not recorded.');
    }
    findings.push({ key: `code:${topic}:${b.position}`, topic, words, statements, notes, raw: b.raw });
  }

  // Another payer, and whom to contact.
  for (const b of benefits.filter((x) => (x.info === 'R' || x.info === 'U') && !used.has(x))) {
    used.add(b);
    const primary = b.entities.some((e) => e.role === 'PRP');
    findings.push({
      key: `entity:${b.position}`,
      topic: b.info === 'R' ? 'Another payer' : 'Contact',
      words: [headline(b), ...extraWords(b)],
      statements: [],
      notes:
        b.info === 'R'
          ? [
              primary
                ? 'Another plan is reported as the primary payer: check which plan pays first before the call.'
                : 'Another payer covers this member: check coordination of benefits.',
            ]
          : [],
      raw: b.raw,
    });
  }

  // The payer's plan-wide messages, verbatim, as the plan's notes; then everything else, as words.
  const planMessages = benefits
    .filter((b) => b.procedure === null && !b.dates.some((d) => d.qualifier === '304'))
    .flatMap((b) => b.messages);
  if (planMessages.length > 0) {
    const text = planMessages.join('\n');
    const money = findings.find((f) => f.key === 'deductible' || f.key === 'maximum');
    const target = findings.find((f) => f.key === 'deductible') ?? money ?? findings[0]!;
    if (text.length <= 500)
      target.statements.push(statement('plan', factField('payer_notes'), '', textFact(text)));
    else
      target.notes.push(
        'The payer’s messages are longer than the 500 characters plan notes hold: shown here and kept with the file.',
      );
    for (const b of benefits.filter((x) => x.procedure === null && x.messages.length > 0 && !used.has(x)))
      target.words.push(...b.messages.map((m) => `Message: "${m}"`));
  }
  for (const b of benefits.filter((x) => !used.has(x))) {
    findings.push({
      key: `other:${b.position}`,
      topic: BENEFIT_INFO_LABELS[b.info] ?? `Benefit ${b.info}`,
      words: [headline(b), ...extraWords(b).filter((w) => !w.startsWith('Message:'))],
      statements: [],
      notes: [
        'Shown as the payer sent it; nothing is recorded from this line.',
        ...b.rejections.map(rejectionWords),
      ],
      raw: b.raw,
    });
  }

  return {
    status,
    effectiveDate,
    terminationDate,
    groupNumber,
    rejections,
    findings: combineDuplicates(findings),
  };
}

/**
 * A field said twice in one file: the same value is kept once; two texts for the same code are joined;
 * two different values are both dropped (the file contradicts itself, so neither is recorded).
 */
function combineDuplicates(findings: Finding[]): Finding[] {
  const seen = new Map<string, { finding: Finding; statement: FileStatement }>();
  const dropped = new Set<string>();
  for (const f of findings) {
    f.statements = f.statements.filter((s) => {
      if (s.field === SERVICE_FIELD) return true;
      const key = `${s.target}|${s.field}|${s.code}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { finding: f, statement: s });
        return true;
      }
      if (JSON.stringify(first.statement.value) === JSON.stringify(s.value)) return false;
      const a = first.statement.value as Answer;
      const b = s.value as Answer;
      if (s.field.startsWith('fact:') && a.type === 'text' && b.type === 'text') {
        const joined = `${a.value}\n${b.value}`;
        if (joined.length <= 500) {
          first.statement.value = { type: 'text', value: joined };
          first.statement.words = `${s.code ? `${s.code} ` : ''}${labelOf(s.field)}: ${joined}`;
          return false;
        }
      }
      dropped.add(key);
      f.notes.push(`The file gives two different values for ${s.words.split(':')[0]}: neither is recorded.`);
      return false;
    });
  }
  for (const key of dropped) {
    const first = seen.get(key)!;
    first.finding.statements = first.finding.statements.filter((s) => s !== first.statement);
  }
  return findings;
}
