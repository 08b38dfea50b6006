// The policy pack: a versioned JSON file that carries payers, plans and the statements recorded about them
// (each with its id, source, rep and reference number, who and when), from one workstation or office to
// another. Version 2 carries ledger statements; version 1 files (one value per field with a provenance
// list) are still read. Never carries patients or the practice's licensed code text.
import { z } from 'zod';
import { decodeUtf8 } from '../csv/parseCsv';
import { JsonSyntaxError, parseJsonWithLines } from '../json/parseJsonWithLines';
import { observationProblem } from '../ledger/fields';
import { OBSERVATION_SOURCES } from '../ledger/ledgerTypes';
import {
  cdtCode,
  isoDate,
  PLAN_BENEFIT_FIELDS,
  PLAN_TYPES,
  planBenefitsSchema,
  POLICY_FIELDS,
  policyValuesSchema,
} from './policyTypes';
import { payerInputSchema } from './policyViews';

export const PACK_FORMAT = 'verifydesk-policy-pack';
export const PACK_VERSION = 2;
export const PACK_MAX_BYTES = 10 * 1024 * 1024;

const key = z.string().min(1).max(40);
const nullableText = (max: number) => z.string().max(max).nullable();

// ---- version 1 (read only) ----

const packProvenanceSchema = z.strictObject({
  key,
  source: z.enum(['call', 'manual', 'import']),
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

const packPlanSchemaV1 = z.strictObject({
  name: z.string().trim().min(1).max(120),
  groupNumber: nullableText(40),
  employerName: nullableText(120),
  planType: z.enum(PLAN_TYPES),
  notes: nullableText(4000),
  benefits: planBenefitsSchema,
  benefitProvenance: z.partialRecord(z.enum(PLAN_BENEFIT_FIELDS), key),
  policies: z.array(packPolicySchema).max(500),
});

const packPayerSchemaV1 = z.strictObject({
  ...payerInputSchema.shape,
  defaults: z.array(packPolicySchema).max(500),
  plans: z.array(packPlanSchemaV1).max(5000),
});

export const policyPackV1Schema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  provenance: z.array(packProvenanceSchema),
  payers: z.array(packPayerSchemaV1),
});
export type PolicyPackV1 = z.infer<typeof policyPackV1Schema>;
export type PackPolicy = z.infer<typeof packPolicySchema>;

// ---- version 2 ----

const packPlanSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  groupNumber: nullableText(40),
  employerName: nullableText(120),
  planType: z.enum(PLAN_TYPES),
  notes: nullableText(4000),
});

const packPayerSchema = z.strictObject({
  ...payerInputSchema.shape,
  plans: z.array(packPlanSchema).max(5000),
});

/** A statement about a payer (its default for a code) or one of its plans, named as the file names them. */
const packStatementSchema = z.strictObject({
  uid: z.string().min(16).max(64),
  payer: z.string().min(1).max(120),
  /** The plan by name and group number; null: the payer's default for the code. */
  plan: z.strictObject({ name: z.string().min(1).max(120), groupNumber: nullableText(40) }).nullable(),
  code: z.string().regex(/^(D\d{4})?$/),
  field: z.string().min(1).max(80),
  value: z.unknown(),
  observedOn: isoDate,
  recordedAt: z.iso.datetime(),
  recordedBy: z.string().min(1).max(100),
  workstation: z.string().max(100),
  source: z.enum(OBSERVATION_SOURCES),
  repName: nullableText(100),
  referenceNumber: nullableText(60),
  sourceDetail: nullableText(500),
  retracts: z.string().min(16).max(64).nullable(),
});
export type PackStatement = z.infer<typeof packStatementSchema>;

export const policyPackSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  version: z.literal(PACK_VERSION),
  exportedAt: z.iso.datetime(),
  exportedFrom: z.string().max(100),
  payers: z.array(packPayerSchema),
  statements: z.array(packStatementSchema).max(200_000),
});
export type PolicyPack = z.infer<typeof policyPackSchema>;
export type PackPayer = z.infer<typeof packPayerSchema>;

export interface PackIssue {
  line: number;
  field: string;
  message: string;
}

export type PackReadResult =
  { ok: true; pack: PolicyPack | PolicyPackV1 } | { ok: false; issues: PackIssue[] };

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
  if (raw.version !== PACK_VERSION && raw.version !== 1) {
    return fail(
      typeof raw.version === 'number' && raw.version > PACK_VERSION
        ? `This pack was made by a newer VerifyDesk (pack version ${raw.version}). Update VerifyDesk to import it.`
        : 'This pack has an unknown version.',
      parsed.lineOf(['version']),
      'version',
    );
  }
  const checked = (raw.version === 1 ? policyPackV1Schema : policyPackSchema).safeParse(raw);
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
  const pack = checked.data;
  const issues = pack.version === 1 ? v1References(pack, parsed.lineOf) : v2References(pack, parsed.lineOf);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, pack };
}

type LineOf = (path: Array<string | number>) => number;

function issueList(lineOf: LineOf) {
  const issues: PackIssue[] = [];
  const at = (path: Array<string | number>, message: string) =>
    issues.push({ line: lineOf(path), field: path.join('.'), message });
  return { issues, at };
}

/** Payers named once, and each payer's plans (name and group number) once. */
function checkPayers(
  payers: ReadonlyArray<{ name: string; plans: ReadonlyArray<{ name: string; groupNumber: string | null }> }>,
  at: (path: Array<string | number>, message: string) => void,
) {
  const payerNames = new Set<string>();
  payers.forEach((payer, pi) => {
    const name = payer.name.toLowerCase();
    if (payerNames.has(name)) at(['payers', pi, 'name'], `The payer "${payer.name}" appears twice.`);
    payerNames.add(name);
    const planKeys = new Set<string>();
    payer.plans.forEach((plan, li) => {
      const planKey = `${plan.name.toLowerCase()}|${plan.groupNumber ?? ''}`;
      if (planKeys.has(planKey))
        at(['payers', pi, 'plans', li, 'name'], `The plan "${plan.name}" appears twice for ${payer.name}.`);
      planKeys.add(planKey);
    });
  });
}

function v2References(pack: PolicyPack, lineOf: LineOf): PackIssue[] {
  const { issues, at } = issueList(lineOf);
  checkPayers(pack.payers, at);
  const plans = new Set(
    pack.payers.flatMap((p) =>
      p.plans.map((l) => `${p.name.toLowerCase()}|${l.name.toLowerCase()}|${l.groupNumber ?? ''}`),
    ),
  );
  const payers = new Set(pack.payers.map((p) => p.name.toLowerCase()));
  const uids = new Set<string>();
  pack.statements.forEach((s, i) => {
    const path = ['statements', i];
    if (uids.has(s.uid)) at([...path, 'uid'], `The statement id "${s.uid}" is used twice.`);
    uids.add(s.uid);
    if (!payers.has(s.payer.toLowerCase()))
      at([...path, 'payer'], `Names the payer "${s.payer}", which is not in the pack.`);
    else if (
      s.plan &&
      !plans.has(`${s.payer.toLowerCase()}|${s.plan.name.toLowerCase()}|${s.plan.groupNumber ?? ''}`)
    )
      at([...path, 'plan'], `Names the plan "${s.plan.name}", which is not in the pack for ${s.payer}.`);
    const problem = observationProblem({
      subjectKind: s.plan ? 'plan' : 'payer',
      code: s.code,
      field: s.field,
      value: s.value,
    });
    if (problem) at([...path, 'value'], problem);
  });
  return issues;
}

function v1References(pack: PolicyPackV1, lineOf: LineOf): PackIssue[] {
  const { issues, at } = issueList(lineOf);
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
  checkPayers(pack.payers, at);
  pack.payers.forEach((payer, pi) => {
    checkPolicies(payer.defaults, ['payers', pi, 'defaults']);
    payer.plans.forEach((plan, li) => {
      checkRefs(plan.benefitProvenance, ['payers', pi, 'plans', li, 'benefitProvenance']);
      checkPolicies(plan.policies, ['payers', pi, 'plans', li, 'policies']);
    });
  });
  return issues;
}
