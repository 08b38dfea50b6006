// The policy pack: a versioned JSON file that carries payers, plans, benefits and per-code answers, each
// answer with its provenance, from one workstation or office to another. Never carries patients or
// the practice's licensed code text.
import { z } from 'zod';
import { decodeUtf8 } from '../csv/parseCsv';
import { JsonSyntaxError, parseJsonWithLines } from '../json/parseJsonWithLines';
import {
  cdtCode,
  PLAN_BENEFIT_FIELDS,
  PLAN_TYPES,
  planBenefitsSchema,
  POLICY_FIELDS,
  policyValuesSchema,
  PROVENANCE_SOURCES,
} from './policyTypes';
import { payerInputSchema } from './policyViews';

export const PACK_FORMAT = 'verifydesk-policy-pack';
export const PACK_VERSION = 1;
export const PACK_MAX_BYTES = 10 * 1024 * 1024;

const key = z.string().min(1).max(40);
const nullableText = (max: number) => z.string().max(max).nullable();

const packProvenanceSchema = z.strictObject({
  key,
  source: z.enum(PROVENANCE_SOURCES),
  recordedBy: z.string().min(1).max(100),
  recordedAt: z.iso.datetime(),
  repName: nullableText(100),
  referenceNumber: nullableText(60),
});

const packPolicySchema = z.strictObject({
  code: cdtCode,
  values: policyValuesSchema,
  /** Answered field -> provenance key. Fields not listed were never answered. */
  provenance: z.partialRecord(z.enum(POLICY_FIELDS), key),
});

const packPlanSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  groupNumber: nullableText(40),
  employerName: nullableText(120),
  planType: z.enum(PLAN_TYPES),
  notes: nullableText(4000),
  benefits: planBenefitsSchema,
  benefitProvenance: z.partialRecord(z.enum(PLAN_BENEFIT_FIELDS), key),
  policies: z.array(packPolicySchema).max(500),
});

const packPayerSchema = z.strictObject({
  ...payerInputSchema.shape,
  defaults: z.array(packPolicySchema).max(500),
  plans: z.array(packPlanSchema).max(5000),
});

export const policyPackSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  version: z.literal(PACK_VERSION),
  exportedAt: z.iso.datetime(),
  provenance: z.array(packProvenanceSchema),
  payers: z.array(packPayerSchema),
});
export type PolicyPack = z.infer<typeof policyPackSchema>;
export type PackPolicy = z.infer<typeof packPolicySchema>;
export type PackPlan = z.infer<typeof packPlanSchema>;

export interface PackIssue {
  line: number;
  field: string;
  message: string;
}

export type PackReadResult = { ok: true; pack: PolicyPack } | { ok: false; issues: PackIssue[] };

/** Reads and checks a pack file completely: syntax, format and version, every field, duplicates, references. */
export function readPolicyPack(bytes: Uint8Array): PackReadResult {
  const fail = (message: string, line = 1, field = ''): PackReadResult => ({
    ok: false,
    issues: [{ line, field, message }],
  });
  if (bytes.length === 0) return fail('The file is empty.');
  if (bytes.length > PACK_MAX_BYTES) {
    return fail(
      `The file is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; a policy pack is at most 10 MB. Check that it is the right file.`,
    );
  }
  const text = decodeUtf8(bytes);
  if (text === null) return fail('The file is not UTF-8 text, so it is not a VerifyDesk policy pack.');
  let parsed;
  try {
    parsed = parseJsonWithLines(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      return fail(`${error.message} The file is not valid JSON.`, error.line);
    throw error;
  }
  const raw = parsed.value as Record<string, unknown> | null;
  if (raw === null || typeof raw !== 'object' || raw.format !== PACK_FORMAT) {
    return fail(
      'This is not a VerifyDesk policy pack (its "format" is missing or different).',
      parsed.lineOf(['format']),
      'format',
    );
  }
  if (raw.version !== PACK_VERSION) {
    return fail(
      typeof raw.version === 'number' && raw.version > PACK_VERSION
        ? `This pack was made by a newer VerifyDesk (pack version ${raw.version}). Update VerifyDesk to import it.`
        : 'This pack has an unknown version.',
      parsed.lineOf(['version']),
      'version',
    );
  }
  const checked = policyPackSchema.safeParse(raw);
  if (!checked.success) {
    return {
      ok: false,
      issues: checked.error.issues.slice(0, 200).map((issue) => ({
        line: parsed.lineOf(issue.path as Array<string | number>),
        field: issue.path.join('.'),
        message: issue.message,
      })),
    };
  }
  const issues = duplicatesAndReferences(checked.data, parsed.lineOf);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, pack: checked.data };
}

function duplicatesAndReferences(
  pack: PolicyPack,
  lineOf: (path: Array<string | number>) => number,
): PackIssue[] {
  const issues: PackIssue[] = [];
  const at = (path: Array<string | number>, message: string) =>
    issues.push({ line: lineOf(path), field: path.join('.'), message });
  const provenanceKeys = new Set<string>();
  pack.provenance.forEach((p, i) => {
    if (provenanceKeys.has(p.key))
      at(['provenance', i, 'key'], `The provenance key "${p.key}" is used twice.`);
    provenanceKeys.add(p.key);
  });
  const checkRefs = (refs: Record<string, string | undefined>, path: Array<string | number>) => {
    for (const [field, ref] of Object.entries(refs)) {
      if (ref !== undefined && !provenanceKeys.has(ref))
        at([...path, field], `Points at provenance "${ref}", which is not in the pack.`);
    }
  };
  const checkPolicies = (policies: PackPolicy[], path: Array<string | number>) => {
    const codes = new Set<string>();
    policies.forEach((p, i) => {
      if (codes.has(p.code)) at([...path, i, 'code'], `${p.code} appears twice here.`);
      codes.add(p.code);
      checkRefs(p.provenance, [...path, i, 'provenance']);
    });
  };
  const payerNames = new Set<string>();
  pack.payers.forEach((payer, pi) => {
    const name = payer.name.toLowerCase();
    if (payerNames.has(name)) at(['payers', pi, 'name'], `The payer "${payer.name}" appears twice.`);
    payerNames.add(name);
    checkPolicies(payer.defaults, ['payers', pi, 'defaults']);
    const planKeys = new Set<string>();
    payer.plans.forEach((plan, li) => {
      const planKey = `${plan.name.toLowerCase()}|${plan.groupNumber ?? ''}`;
      if (planKeys.has(planKey))
        at(['payers', pi, 'plans', li, 'name'], `The plan "${plan.name}" appears twice for ${payer.name}.`);
      planKeys.add(planKey);
      checkRefs(plan.benefitProvenance, ['payers', pi, 'plans', li, 'benefitProvenance']);
      checkPolicies(plan.policies, ['payers', pi, 'plans', li, 'policies']);
    });
  });
  return issues;
}
