// The patient cost estimate: a pure function over integer cents, following the order of operations in
// estimate-rules.md, per line (in the order the office will do them) and per coverage (primary first).
// Unknown inputs give an unknown amount with the reason; every zeroed or capped amount carries a note.
import { addMonths } from '../dates/calendar';
import { ageOn } from '../dates/age';
import { formatDate } from '../dates/typedDate';
import { formatCents, shareOf } from '../money/cents';
import { UNKNOWN_POLICY } from '../policy/policyTypes';
import type {
  CodePolicy,
  CoverageInput,
  CoverageLineResult,
  CoverageTotals,
  EstimateInput,
  EstimateLineInput,
  EstimateResult,
  LineResult,
  Note,
  PaLine,
} from './estimateTypes';
import { checkFrequency } from './frequency';

/** What each coverage has used up so far across earlier lines of this estimate. */
interface RunningState {
  deductibleTaken: number;
  paid: number;
  /** Earlier planned lines counted for frequency, per code. */
  planned: Array<{ code: string; serviceDate: string }>;
}

const UNKNOWN_CODE_POLICY: CodePolicy = {
  covered: UNKNOWN_POLICY.covered,
  coverageBp: null,
  category: null,
  frequency: null,
  ageLimits: null,
  alternateCode: null,
  medicalFirst: 'unknown',
  priorAuth: 'unknown',
};

function unknownResult(ordinal: 1 | 2, reason: string, notes: Note[] = []): CoverageLineResult {
  return {
    ordinal,
    allowedCents: null,
    deductibleCents: 0,
    insuranceCents: null,
    writeOffCents: 0,
    unknown: reason,
    notes,
  };
}

function zeroResult(
  ordinal: 1 | 2,
  allowed: number | null,
  note: Note,
  notes: Note[] = [],
): CoverageLineResult {
  return {
    ordinal,
    allowedCents: allowed,
    deductibleCents: 0,
    insuranceCents: 0,
    writeOffCents: 0,
    unknown: null,
    notes: [...notes, note],
  };
}

const isNetworkPlan = (c: CoverageInput) =>
  c.planType === 'ppo' || c.planType === 'medicaid' || c.planType === 'medicare_advantage';

function lineForCoverage(
  line: EstimateLineInput,
  cov: CoverageInput,
  state: RunningState,
  input: EstimateInput,
  primary: CoverageLineResult | null,
): CoverageLineResult {
  const { ordinal, benefits } = cov;
  const dos = line.serviceDate;
  const policy = cov.policies[line.code] ?? UNKNOWN_CODE_POLICY;
  const notes: Note[] = [];

  // 1. Coverage in force on the date of service.
  if (
    (cov.effectiveDate !== null && dos < cov.effectiveDate) ||
    (cov.terminationDate !== null && dos > cov.terminationDate)
  ) {
    return zeroResult(ordinal, null, {
      code: 'not_active',
      text: `${cov.label} is not active on ${formatDate(dos)}.`,
      date: dos,
    });
  }
  if (cov.planType === 'dhmo') {
    return unknownResult(ordinal, `${cov.label} is a DHMO: ask the plan for its copay for ${line.code}.`, [
      { code: 'dhmo_not_estimated', text: 'DHMO copays are not estimated.' },
    ]);
  }
  if (cov.planType === 'unknown') return unknownResult(ordinal, `The plan type of ${cov.label} is unknown.`);

  // 2. Allowed amount, with an alternate-benefit downgrade priced as the other code.
  const priceCode = policy.alternateCode ?? line.code;
  let allowed: number;
  let allowedOriginal: number | null = null; // the plan's fee for the code itself: the write-off base
  const inNetwork = isNetworkPlan(cov) && benefits.networkStatus === 'in_network';
  if (isNetworkPlan(cov) && benefits.networkStatus === 'unknown') {
    return unknownResult(ordinal, `Whether the office is in network with ${cov.label} is unknown.`);
  }
  if (inNetwork) {
    const scheduled = cov.allowedFees[priceCode];
    allowedOriginal =
      cov.allowedFees[line.code] !== undefined ? Math.min(cov.allowedFees[line.code]!, line.feeCents) : null;
    if (scheduled === undefined) {
      allowed = priceCode === line.code ? line.feeCents : (input.officeFees[priceCode] ?? line.feeCents);
      notes.push({
        code: 'allowed_unknown',
        text: `The plan's allowed fee for ${priceCode} is unknown; estimated with the office fee.`,
      });
    } else {
      // An alternate benefit pays as a lesser code: never on more than the code's own allowed fee.
      allowed = allowedOriginal === null ? scheduled : Math.min(scheduled, allowedOriginal);
    }
  } else if (priceCode !== line.code) {
    const alternateFee = input.officeFees[priceCode];
    if (alternateFee === undefined)
      return unknownResult(ordinal, `${line.code} is paid as ${priceCode}, whose fee is unknown.`);
    allowed = alternateFee;
  } else {
    allowed = line.feeCents;
  }
  allowed = Math.min(allowed, line.feeCents);
  if (priceCode !== line.code) {
    notes.push({
      code: 'downgraded',
      text: `Paid as ${priceCode} (alternate benefit): the difference is the patient's.`,
    });
  }

  // 3. Exclusions.
  if (policy.covered === 'unknown')
    return unknownResult(ordinal, `Whether ${cov.label} covers ${line.code} is unknown.`, notes);
  if (policy.covered === 'no') {
    const medical = policy.medicalFirst === 'yes' ? ' Ask the medical plan.' : '';
    return zeroResult(
      ordinal,
      allowed,
      { code: 'not_covered', text: `${cov.label} does not cover ${line.code}.${medical}` },
      notes,
    );
  }

  // 4. Frequency: the payer's own "next eligible" date when it gave one, else counting history and
  // earlier lines of this estimate that share the limit.
  const nextEligible = cov.nextEligible[line.code];
  if (nextEligible !== undefined && dos < nextEligible) {
    return zeroResult(
      ordinal,
      allowed,
      {
        code: 'frequency',
        text: `Frequency limit reached: next eligible ${formatDate(nextEligible)} (the payer said).`,
        date: nextEligible,
      },
      notes,
    );
  }
  if (policy.frequency) {
    const codes = new Set([line.code, ...policy.frequency.sharedWith]);
    const dates = [...input.history, ...state.planned]
      .filter((s) => codes.has(s.code))
      .map((s) => s.serviceDate);
    const check = checkFrequency(policy.frequency, dates, dos, benefits.benefitYearStartMonth);
    if ('unknown' in check) return unknownResult(ordinal, check.unknown, notes);
    if (check.exhausted) {
      const when = check.nextEligible
        ? `next eligible ${formatDate(check.nextEligible)}`
        : 'no longer eligible (lifetime limit)';
      return zeroResult(
        ordinal,
        allowed,
        {
          code: 'frequency',
          text: `Frequency limit reached: ${when}.`,
          ...(check.nextEligible ? { date: check.nextEligible } : {}),
        },
        notes,
      );
    }
  }

  // 4b. A denied prior authorization: the plan will not pay.
  if (policy.priorAuth === 'required' && cov.priorAuth[line.code]?.status === 'denied') {
    return zeroResult(
      ordinal,
      allowed,
      { code: 'prior_auth_denied', text: `${cov.label} denied prior authorization for ${line.code}.` },
      notes,
    );
  }

  // 5. Waiting period from the coverage's effective date.
  const category = policy.category;
  const waitMonths = category ? benefits.waitingPeriods?.[category] : undefined;
  if (waitMonths !== undefined && waitMonths > 0 && cov.effectiveDate !== null) {
    const from = addMonths(cov.effectiveDate, waitMonths);
    if (dos < from)
      return zeroResult(
        ordinal,
        allowed,
        { code: 'waiting_period', text: `Waiting period: covered from ${formatDate(from)}.`, date: from },
        notes,
      );
  }

  // 6. Age limits, at the date of service.
  if (policy.ageLimits) {
    const age = ageOn(input.patientDob, dos);
    const { min, max } = policy.ageLimits;
    if ((min !== null && age < min) || (max !== null && age > max)) {
      return zeroResult(
        ordinal,
        allowed,
        { code: 'age_limit', text: `Age limit: the patient is ${age} on ${dos}.` },
        notes,
      );
    }
  }

  // 8 (needed for 7). Coverage percent: the code's own answer, else its category's.
  const bp = policy.coverageBp ?? (category ? benefits.coverageByCategory?.[category] : undefined) ?? null;
  if (bp === null)
    return unknownResult(ordinal, `${cov.label}'s coverage percent for ${line.code} is unknown.`, notes);

  // 7. Deductible: once across lines, capped by the family deductible, waived by category or at 0%.
  let deductible = 0;
  const waived =
    bp === 0 || (category !== null && (benefits.deductibleWaivedCategories ?? []).includes(category));
  if (!waived) {
    if (benefits.deductibleIndividualCents === null || cov.deductibleMetCents === null) {
      return unknownResult(
        ordinal,
        `${cov.label}'s deductible, or how much of it is met, is unknown.`,
        notes,
      );
    }
    let remaining = Math.max(
      0,
      benefits.deductibleIndividualCents - cov.deductibleMetCents - state.deductibleTaken,
    );
    if (benefits.deductibleFamilyCents !== null && cov.familyDeductibleMetCents !== null) {
      remaining = Math.min(
        remaining,
        Math.max(0, benefits.deductibleFamilyCents - cov.familyDeductibleMetCents - state.deductibleTaken),
      );
    }
    deductible = Math.min(remaining, allowed);
    if (deductible > 0)
      notes.push({ code: 'deductible', text: `Deductible applied: ${formatCents(deductible)}.` });
  }
  let insurance = shareOf(allowed - deductible, bp);
  if (bp === 0) notes.push({ code: 'zero_percent', text: `${cov.label} pays 0% for ${line.code}.` });

  // 9. Secondary coverage, from what the primary paid and wrote off.
  if (primary) {
    if (primary.insuranceCents === null)
      return unknownResult(
        ordinal,
        'The primary estimate is unknown, so the secondary cannot be worked out.',
        notes,
      );
    const normal = insurance;
    switch (benefits.cobMethod) {
      case 'standard':
        insurance = Math.min(
          normal,
          Math.max(0, line.feeCents - primary.insuranceCents - primary.writeOffCents),
        );
        break;
      case 'non_duplication':
      case 'carve_out':
        insurance = Math.max(0, normal - primary.insuranceCents);
        break;
      case 'unknown':
        return unknownResult(
          ordinal,
          `How ${cov.label} coordinates with the primary plan is unknown.`,
          notes,
        );
    }
    if (insurance < normal) {
      notes.push({
        code: 'cob',
        text: `Coordination of benefits (${benefits.cobMethod.replace('_', '-')}): pays ${formatCents(insurance)} of its normal ${formatCents(normal)}.`,
      });
    }
  }

  // 10. Annual and family maximum, after earlier lines.
  if (benefits.annualMaxCents === null || cov.maxUsedCents === null) {
    notes.push({
      code: 'max_unknown',
      text: `${cov.label}'s annual maximum left is unknown: insurance may be lower.`,
    });
  } else {
    const left = Math.max(0, benefits.annualMaxCents - cov.maxUsedCents - state.paid);
    if (insurance > left) {
      insurance = left;
      notes.push({ code: 'over_annual_max', text: `Over annual maximum: ${formatCents(left)} was left.` });
    }
  }
  if (cov.familyMaxCents !== null && cov.familyMaxUsedCents !== null) {
    const familyLeft = Math.max(0, cov.familyMaxCents - cov.familyMaxUsedCents - state.paid);
    if (insurance > familyLeft) {
      insurance = familyLeft;
      notes.push({
        code: 'over_family_max',
        text: `Over the family maximum: ${formatCents(familyLeft)} was left.`,
      });
    }
  }

  // 11. PPO write-off: primary, in network, on the code's own allowed fee (a downgrade's gap stays the patient's).
  // Unknown allowed fee: no write-off is assumed (the estimate used the office fee).
  const writeOff = !primary && inNetwork && allowedOriginal !== null ? line.feeCents - allowedOriginal : 0;
  return {
    ordinal,
    allowedCents: allowed,
    deductibleCents: deductible,
    insuranceCents: insurance,
    writeOffCents: writeOff,
    unknown: null,
    notes,
  };
}

/** Where prior authorization stands for the line on one plan. */
function paLine(line: EstimateLineInput, cov: CoverageInput): PaLine {
  const none = { ordinal: cov.ordinal, authNumber: null, validFrom: null, validTo: null, forCode: null };
  const required = cov.policies[line.code]?.priorAuth;
  const pa = cov.priorAuth[line.code];
  if (pa && pa.status !== 'other_code') {
    const base = { ...none, authNumber: pa.authNumber, validFrom: pa.validFrom, validTo: pa.validTo };
    if (pa.status !== 'approved') return { ...base, status: pa.status };
    if (pa.validTo !== null && pa.validTo < line.serviceDate) return { ...base, status: 'expires_before' };
    if (pa.validFrom !== null && pa.validFrom > line.serviceDate) return { ...base, status: 'starts_after' };
    return { ...base, status: 'approved' };
  }
  if (required === 'required') {
    if (pa?.status === 'other_code')
      return { ...none, status: 'other_code', authNumber: pa.authNumber, forCode: pa.forCode };
    return { ...none, status: 'not_requested' };
  }
  return {
    ...none,
    status:
      required === 'not_required' || required === 'predetermination_recommended' ? 'not_required' : 'unknown',
  };
}

const PA_FLAGS: Partial<Record<PaLine['status'], (p: PaLine) => Note>> = {
  not_requested: () => ({
    code: 'prior_auth_required',
    text: 'prior authorization required and not yet requested.',
  }),
  pending: () => ({ code: 'prior_auth_pending', text: 'prior authorization requested; no decision yet.' }),
  denied: () => ({ code: 'prior_auth_denied', text: 'prior authorization denied.' }),
  expires_before: (p) => ({
    code: 'prior_auth_expires',
    text: `the approval ${p.authNumber ?? ''} ends ${p.validTo}, before the date of service.`.replace(
      '  ',
      ' ',
    ),
  }),
  starts_after: (p) => ({
    code: 'prior_auth_not_started',
    text: `the approval ${p.authNumber ?? ''} starts ${p.validFrom}, after the date of service.`.replace(
      '  ',
      ' ',
    ),
  }),
  other_code: (p) => ({
    code: 'prior_auth_other_code',
    text: `the approval ${p.authNumber ?? ''} names ${p.forCode}, not this code.`.replace('  ', ' '),
  }),
};

function flagsFor(
  line: EstimateLineInput,
  coverages: readonly CoverageInput[],
  pa: readonly PaLine[],
): Note[] {
  const flags: Note[] = [];
  coverages.forEach((cov, k) => {
    const status = pa[k]!;
    const flag = PA_FLAGS[status.status]?.(status);
    if (flag) flags.push({ code: flag.code, text: `${cov.label}: ${flag.text}` });
    if (cov.policies[line.code]?.medicalFirst === 'yes')
      flags.push({ code: 'medical_first', text: `${cov.label}: bill the medical plan first.` });
  });
  return flags;
}

export function computeEstimate(input: EstimateInput): EstimateResult {
  // The result depends on each coverage's ordinal, never on the order they were passed in.
  const coverages = [...input.coverages].sort((a, b) => a.ordinal - b.ordinal);
  const states: RunningState[] = coverages.map(() => ({ deductibleTaken: 0, paid: 0, planned: [] }));

  const lines: LineResult[] = input.lines.map((line) => {
    const priorAuth = coverages.map((cov) => paLine(line, cov));
    const results: CoverageLineResult[] = [];
    coverages.forEach((cov, k) => {
      const primary = k === 0 ? null : results[0]!;
      const r = lineForCoverage(line, cov, states[k]!, input, primary);
      results.push(r);
      states[k]!.deductibleTaken += r.deductibleCents;
      states[k]!.paid += r.insuranceCents ?? 0;
      states[k]!.planned.push({ code: line.code, serviceDate: line.serviceDate });
    });
    // 11 (end). Insurance plus write-offs never exceed the fee: trim the write-off.
    const insuranceKnown = results.every((r) => r.insuranceCents !== null);
    const insurance = results.reduce((sum, r) => sum + (r.insuranceCents ?? 0), 0);
    let writeOff = results.reduce((sum, r) => sum + r.writeOffCents, 0);
    if (insurance + writeOff > line.feeCents) {
      const trimmed = Math.max(0, line.feeCents - insurance);
      results[0]!.notes.push({
        code: 'write_off_trimmed',
        text: `Write-off reduced to ${formatCents(trimmed)} so the columns add up to the fee.`,
      });
      results[0]!.writeOffCents = Math.max(0, results[0]!.writeOffCents - (writeOff - trimmed));
      writeOff = trimmed;
    }
    // 12. The patient pays the rest, exactly.
    return {
      id: line.id,
      code: line.code,
      tooth: line.tooth,
      feeCents: line.feeCents,
      coverages: results,
      insuranceCents: insuranceKnown ? insurance : null,
      writeOffCents: writeOff,
      patientCents: insuranceKnown ? Math.max(0, line.feeCents - insurance - writeOff) : null,
      unknown: results.flatMap((r) => (r.unknown ? [r.unknown] : [])),
      flags: flagsFor(line, coverages, priorAuth),
      priorAuth,
    };
  });

  const sumOrNull = (values: Array<number | null>) =>
    values.every((v) => v !== null) ? (values as number[]).reduce((a, b) => a + b, 0) : null;
  const coverageTotals: CoverageTotals[] = coverages.map((cov, k) => {
    const insurance = sumOrNull(lines.map((l) => l.coverages[k]!.insuranceCents));
    const b = cov.benefits;
    return {
      ordinal: cov.ordinal,
      insuranceCents: insurance,
      maxRemainingCents:
        b.annualMaxCents === null || cov.maxUsedCents === null
          ? null
          : Math.max(0, b.annualMaxCents - cov.maxUsedCents - states[k]!.paid),
      deductibleRemainingCents:
        b.deductibleIndividualCents === null || cov.deductibleMetCents === null
          ? null
          : Math.max(0, b.deductibleIndividualCents - cov.deductibleMetCents - states[k]!.deductibleTaken),
    };
  });
  return {
    lines,
    totals: {
      feeCents: lines.reduce((s, l) => s + l.feeCents, 0),
      insuranceCents: sumOrNull(lines.map((l) => l.insuranceCents)),
      writeOffCents: lines.reduce((s, l) => s + l.writeOffCents, 0),
      patientCents: sumOrNull(lines.map((l) => l.patientCents)),
    },
    coverages: coverageTotals,
  };
}
