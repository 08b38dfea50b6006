// The IPC contract: for every channel, the zod schema main validates input with and the output schema.
import { z } from 'zod';
import type { Channel } from './channels';
import {
  codeDetailSchema,
  icd10DetailSchema,
  licensedImportPreviewSchema,
  searchIndexDataSchema,
  searchResponseSchema,
} from '../catalog/catalogTypes';
import { LICENSED_FILE_LIMITS } from '../catalog/licensedImport';
import { estimateRequestSchema, estimateViewSchema, savedEstimateSchema } from '../estimate/estimateViews';
import { FEE_FILE_LIMITS } from '../fees/feeCsv';
import { PACK_MAX_BYTES } from '../policy/policyPack';
import { gfeRequestSchema, gfeSnapshotSchema } from '../estimate/goodFaithEstimate';
import {
  answerSchema,
  callDetailsSchema,
  callViewSchema,
  completeCallSchema,
  startCallSchema,
  startMedicalCallSchema,
  callListItemSchema,
  callPreflightSchema,
  confirmOnFileSchema,
} from '../script/callViews';
import { observationSchema, subjectSchema } from '../ledger/ledgerTypes';
import { todoItemSchema, todoUpdateSchema } from '../worklist/todoViews';
import { priorAuthEventSchema, priorAuthPatchSchema, priorAuthSchema } from '../priorAuth/priorAuthViews';
import { reverifyItemSchema } from '../worklist/reverifyViews';
import {
  eligibilityImportInputSchema,
  eligibilityImportResultSchema,
  eligibilityPreviewInputSchema,
  eligibilityPreviewSchema,
} from '../eligibility/eligibilityViews';
import { cdtCode, id } from '../policy/policyTypes';
import {
  benefitsPatchSchema,
  coverageInputSchema,
  fieldViewSchema,
  patientInputSchema,
  patientSchema,
  patientSummarySchema,
  payerInputSchema,
  payerSchema,
  planInputSchema,
  planSchema,
  planSummarySchema,
  policyMatrixSchema,
  policyPatchSchema,
  serviceRecordInputSchema,
} from '../policy/policyViews';
import { settingsPatchSchema, settingsSchema } from '../settings/settings';
import {
  officeDatabaseCheckSchema,
  officeDatabaseMoveSchema,
  officeDatabaseMergeInputSchema,
  officeDatabaseMergeSchema,
  officeDatabaseSettingsSchema,
  officeDatabaseStatusSchema,
  officeDatabaseUsedSchema,
  officeDatabaseUseSchema,
} from '../settings/officeDatabase';
import {
  auditFilterSchema,
  auditRowSchema,
  chainCheckSchema,
  saveUserSchema,
  sessionStatusSchema,
  setupSchema,
  signInSchema,
  unlockSchema,
  userSchema,
} from '../auth/authViews';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

const noInput = z.strictObject({});
// A file name in the backup folder as VerifyDesk names them: no paths, nothing else.
const backupName = z.string().regex(/^[\w.-]{1,120}\.sqlite$/, 'Choose a backup from the list.');
const backupFileSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['daily', 'manual', 'pre-restore', 'pre-migration']),
  takenAt: z.string(),
  schemaVersion: z.number().int(),
  bytes: z.number().int(),
});
/** A backup offered on the damaged-database screen, with what it holds. */
const backupOfferSchema = z.strictObject({
  file: z.string(),
  takenAt: z.string().nullable(),
  schemaVersion: z.number().int(),
  patients: z.number().int(),
  calls: z.number().int(),
  estimates: z.number().int(),
});
const copyStatusSchema = z.strictObject({
  folder: z.string(),
  at: z.iso.datetime(),
  ok: z.boolean(),
  problem: z.string().nullable(),
});
const backupPreviewSchema = z.strictObject({
  name: z.string(),
  takenAt: z.string(),
  schemaVersion: z.number().int(),
  patients: z.number().int(),
  calls: z.number().int(),
  estimates: z.number().int(),
});
const deleted = z.strictObject({ deleted: z.literal(true) });
/** Where an export was saved; null when the person cancelled the save dialog. */
const savedFile = z.strictObject({ savedTo: z.string().nullable() });
const packPreviewSchema = z.strictObject({
  fileName: z.string(),
  payers: z.strictObject({ new: z.number().int(), existing: z.number().int() }),
  plans: z.strictObject({ new: z.number().int(), existing: z.number().int() }),
  answers: z.strictObject({
    new: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    conflicting: z.number().int(),
  }),
  conflicts: z.array(z.string()),
  issues: z.array(z.strictObject({ line: z.number().int(), field: z.string(), message: z.string() })),
});
const feePreviewSchema = z.strictObject({
  fileName: z.string(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  issues: z.array(
    z.strictObject({
      line: z.number().int(),
      column: z.enum(['code', 'amount']).nullable(),
      message: z.string(),
    }),
  ),
});
const sampleCounts = z.strictObject({ payers: z.number().int(), plans: z.number().int() });

export const appInfoSchema = z.strictObject({
  version: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  platform: z.string(),
  /** Set when the database sits on a network share or in a cloud-synced folder. */
  dataPathWarning: z.string().nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * A file the person picked, sent as base64, of at most `maxBytes` of content: base64 carries 3 bytes in 4
 * characters, so the bound on the text follows from the file's own limit (a pack may be 10 MB).
 */
const pickedFileOf = (maxBytes: number) =>
  z.strictObject({
    fileName: z.string().trim().min(1).max(255),
    contentBase64: z
      .base64()
      .max(Math.ceil(maxBytes / 3) * 4, `The file is larger than ${Math.round(maxBytes / 1_048_576)} MB.`),
  });
const pickedCodeFile = pickedFileOf(LICENSED_FILE_LIMITS.maxBytes);
const pickedFeeFile = pickedFileOf(FEE_FILE_LIMITS.maxBytes);
const pickedPack = pickedFileOf(PACK_MAX_BYTES);

export const contract = {
  'app:info': { input: noInput, output: appInfoSchema },
  'app:copyText': {
    input: z.strictObject({ text: z.string().min(1).max(500) }),
    output: z.strictObject({ copied: z.literal(true) }),
  },
  'settings:get': { input: noInput, output: settingsSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsSchema },
  'catalog:search': {
    // Anything a person can type or paste is accepted; only the start of a long text is searched.
    input: z.strictObject({
      query: z.string().max(10_000),
      limit: z.number().int().min(1).max(50).optional(),
    }),
    output: searchResponseSchema,
  },
  // The lookup's entries, once per session: the window searches them itself as someone types.
  'catalog:searchIndex': { input: noInput, output: searchIndexDataSchema },
  'catalog:getCode': {
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^D\d{4}$/, 'A CDT code is D and four digits.'),
    }),
    output: codeDetailSchema,
  },
  'catalog:getIcd10': {
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/),
    }),
    output: icd10DetailSchema,
  },
  'catalog:importPreview': { input: pickedCodeFile, output: licensedImportPreviewSchema },
  'catalog:importApply': {
    input: pickedCodeFile,
    output: z.strictObject({ imported: z.number().int(), skippedUnknown: z.number().int() }),
  },
  'payers:list': { input: noInput, output: z.array(payerSchema) },
  'payers:save': {
    input: z.strictObject({ id: id.nullable(), payer: payerInputSchema }),
    output: payerSchema,
  },
  'payers:delete': { input: z.strictObject({ id }), output: deleted },
  'payers:openPortal': { input: z.strictObject({ id }), output: z.strictObject({ opened: z.literal(true) }) },
  'plans:list': { input: z.strictObject({ payerId: id.nullable() }), output: z.array(planSummarySchema) },
  'plans:get': { input: z.strictObject({ id }), output: planSchema },
  'plans:save': { input: z.strictObject({ id: id.nullable(), plan: planInputSchema }), output: planSchema },
  'plans:setBenefits': {
    input: z.strictObject({ planId: id, patch: benefitsPatchSchema }),
    output: planSchema,
  },
  'plans:delete': { input: z.strictObject({ id }), output: deleted },
  'policies:matrix': { input: z.strictObject({ planId: id }), output: policyMatrixSchema },
  'policies:set': {
    input: z.strictObject({ planId: id, code: cdtCode, patch: policyPatchSchema }),
    output: policyMatrixSchema,
  },
  'patients:search': {
    input: z.strictObject({ query: z.string().max(200) }),
    output: z.array(patientSummarySchema),
  },
  'patients:get': { input: z.strictObject({ id }), output: patientSchema },
  'patients:save': {
    input: z.strictObject({ id: id.nullable(), patient: patientInputSchema }),
    output: patientSchema,
  },
  'coverages:save': {
    input: z.strictObject({ id: id.nullable(), coverage: coverageInputSchema }),
    output: patientSchema,
  },
  'coverages:delete': { input: z.strictObject({ id }), output: patientSchema },
  'history:add': { input: serviceRecordInputSchema, output: patientSchema },
  'history:delete': {
    input: z.strictObject({ patientId: id, uid: z.string().min(16).max(64) }),
    output: patientSchema,
  },
  'ledger:history': {
    input: z.strictObject({
      subject: subjectSchema,
      field: z.string().min(1).max(80),
      code: z.string().regex(/^(D\d{4})?$/),
    }),
    output: z.array(observationSchema),
  },
  'ledger:resolve': {
    input: z.strictObject({
      subject: subjectSchema,
      field: z.string().min(1).max(80),
      code: z.string().regex(/^(D\d{4})?$/),
      uid: z.string().min(16).max(64),
    }),
    output: fieldViewSchema,
  },
  'sample:status': { input: noInput, output: sampleCounts },
  'sample:remove': { input: noInput, output: sampleCounts },
  'packs:export': { input: noInput, output: savedFile },
  'packs:importPreview': { input: pickedPack, output: packPreviewSchema },
  'packs:importApply': { input: pickedPack, output: packPreviewSchema },
  'fees:list': {
    input: z.strictObject({ planId: id.nullable() }),
    output: z.array(z.strictObject({ code: z.string(), cents: z.number().int() })),
  },
  'fees:export': { input: z.strictObject({ planId: id.nullable() }), output: savedFile },
  'fees:importPreview': {
    input: z.strictObject({ planId: id.nullable(), file: pickedFeeFile }),
    output: feePreviewSchema,
  },
  'fees:importApply': {
    input: z.strictObject({ planId: id.nullable(), file: pickedFeeFile }),
    output: feePreviewSchema,
  },
  'eligibility:preview': { input: eligibilityPreviewInputSchema, output: eligibilityPreviewSchema },
  'eligibility:import': { input: eligibilityImportInputSchema, output: eligibilityImportResultSchema },
  'estimate:compute': { input: estimateRequestSchema, output: estimateViewSchema },
  'estimate:save': { input: estimateRequestSchema, output: savedEstimateSchema },
  'estimate:get': { input: z.strictObject({ id }), output: savedEstimateSchema },
  'print:costSummary': {
    input: z.strictObject({ estimateId: id }),
    output: z.strictObject({ printed: z.literal(true) }),
  },
  'print:costSummaryPdf': { input: z.strictObject({ estimateId: id }), output: savedFile },
  'gfe:issue': { input: gfeRequestSchema, output: gfeSnapshotSchema },
  'gfe:get': { input: z.strictObject({ id }), output: gfeSnapshotSchema },
  'print:goodFaithEstimate': {
    input: z.strictObject({ id }),
    output: z.strictObject({ printed: z.literal(true) }),
  },
  'print:goodFaithEstimatePdf': { input: z.strictObject({ id }), output: savedFile },
  'call:preflight': { input: startCallSchema, output: callPreflightSchema },
  'call:start': { input: startCallSchema, output: callViewSchema },
  'call:startMedical': { input: startMedicalCallSchema, output: callViewSchema },
  'call:get': { input: z.strictObject({ id }), output: callViewSchema },
  'call:answer': {
    // The question the answer is for: an answer sent again after its reply was lost (the office database
    // dropped during the commit) must not land on the next question.
    input: z.strictObject({ id, key: z.string().min(1).max(80), answer: answerSchema }),
    output: callViewSchema,
  },
  'call:confirmOnFile': { input: confirmOnFileSchema, output: callViewSchema },
  'call:confirmReadBack': {
    input: z.strictObject({ id, key: z.string().min(1).max(80) }),
    output: callViewSchema,
  },
  'call:back': {
    input: z.strictObject({ id, trailIndex: z.number().int().min(0).max(10_000) }),
    output: callViewSchema,
  },
  'call:setDetails': { input: z.strictObject({ id, details: callDetailsSchema }), output: callViewSchema },
  'call:toggleHold': { input: z.strictObject({ id }), output: callViewSchema },
  'call:drop': { input: z.strictObject({ id }), output: callViewSchema },
  'call:complete': { input: z.strictObject({ id, finish: completeCallSchema }), output: callViewSchema },
  'call:amend': {
    input: z.strictObject({
      id,
      what: z.string().trim().min(3).max(1000),
      why: z.string().trim().min(3).max(1000),
    }),
    output: callViewSchema,
  },
  'call:inProgress': {
    input: noInput,
    output: z.array(
      z.strictObject({
        id,
        patientId: id,
        patientName: z.string(),
        payerName: z.string(),
        codes: z.array(z.string()),
        question: z.string().nullable(),
        startedAt: z.string(),
      }),
    ),
  },
  'call:search': {
    input: z.strictObject({ query: z.string().max(200) }),
    output: z.array(callListItemSchema),
  },
  'print:verificationRecord': {
    input: z.strictObject({ id }),
    output: z.strictObject({ printed: z.literal(true) }),
  },
  'print:verificationRecordPdf': { input: z.strictObject({ id }), output: savedFile },
  'pa:worklist': { input: noInput, output: z.array(priorAuthSchema) },
  'pa:history': { input: z.strictObject({ id }), output: z.array(priorAuthEventSchema) },
  'reverify:worklist': { input: noInput, output: z.array(reverifyItemSchema) },
  'todo:list': {
    input: z.strictObject({ includeDone: z.boolean().optional() }),
    output: z.array(todoItemSchema),
  },
  'todo:update': { input: todoUpdateSchema, output: todoItemSchema },
  'session:status': { input: noInput, output: sessionStatusSchema },
  'session:setup': { input: setupSchema, output: sessionStatusSchema },
  'startup:damage': {
    input: noInput,
    output: z.strictObject({ problem: z.string(), offer: backupOfferSchema.nullable() }),
  },
  'startup:chooseBackup': { input: noInput, output: z.strictObject({ offer: backupOfferSchema.nullable() }) },
  'startup:restore': {
    input: z.strictObject({ file: z.string().min(1).max(1000) }),
    output: z.strictObject({ restarting: z.literal(true) }),
  },
  'session:recover': {
    input: z.strictObject({ code: z.string().trim().min(1, 'Type the recovery code.').max(100) }),
    output: sessionStatusSchema,
  },
  'session:signIn': { input: signInSchema, output: sessionStatusSchema },
  'session:unlock': { input: unlockSchema, output: sessionStatusSchema },
  'session:lock': { input: noInput, output: sessionStatusSchema },
  'session:signOut': { input: noInput, output: sessionStatusSchema },
  'users:list': { input: noInput, output: z.array(userSchema) },
  'users:save': { input: saveUserSchema, output: userSchema },
  'audit:list': { input: auditFilterSchema, output: z.array(auditRowSchema) },
  'audit:verify': { input: noInput, output: chainCheckSchema },
  'audit:export': { input: auditFilterSchema, output: savedFile },
  'security:recoveryCode': { input: noInput, output: z.strictObject({ code: z.string().nullable() }) },
  'security:recoveryCodeStored': { input: noInput, output: z.strictObject({ stored: z.literal(true) }) },
  'security:changeKey': {
    input: noInput,
    output: z.strictObject({
      changed: z.literal(true),
      backupsReencrypted: z.number().int(),
      /** Backup folders that were not there (an unplugged drive): their copies keep the old key for now. */
      foldersNotReached: z.array(z.string()),
    }),
  },
  'security:emergencyAccess': {
    input: noInput,
    output: z.strictObject({ notice: z.strictObject({ id, at: z.iso.datetime() }).nullable() }),
  },
  'security:acknowledgeEmergencyAccess': {
    input: z.strictObject({ id }),
    output: z.strictObject({ acknowledged: z.literal(true) }),
  },
  'backups:list': {
    input: noInput,
    output: z.strictObject({
      folder: z.string(),
      copyFolder: z.string(),
      lastCopy: copyStatusSchema.nullable(),
      /** Why the restore asked for last did not run at the next start (the data stayed as it was). */
      restoreProblem: z.strictObject({ at: z.string(), problem: z.string() }).nullable(),
      backups: z.array(backupFileSchema),
    }),
  },
  'backups:create': {
    input: noInput,
    output: backupFileSchema.extend({ copy: copyStatusSchema.nullable() }),
  },
  'backups:chooseFolder': {
    input: z.strictObject({ purpose: z.enum(['backups', 'copies']) }),
    output: z.strictObject({ folder: z.string().nullable() }),
  },
  'backups:preview': { input: z.strictObject({ name: backupName }), output: backupPreviewSchema },
  'backups:restore': {
    input: z.strictObject({ name: backupName }),
    output: z.strictObject({ restarting: z.literal(true) }),
  },
  'officedb:check': { input: officeDatabaseSettingsSchema, output: officeDatabaseCheckSchema },
  'officedb:create': { input: officeDatabaseSettingsSchema, output: officeDatabaseCheckSchema },
  'officedb:use': { input: officeDatabaseUseSchema, output: officeDatabaseUsedSchema },
  'officedb:status': { input: noInput, output: officeDatabaseStatusSchema },
  'officedb:key': { input: noInput, output: z.strictObject({ officeKey: z.string() }) },
  'officedb:leave': { input: noInput, output: officeDatabaseUsedSchema },
  'officedb:restart': { input: noInput, output: z.strictObject({ restarting: z.literal(true) }) },
  'officedb:move': { input: officeDatabaseSettingsSchema, output: officeDatabaseMoveSchema },
  'officedb:merge': { input: officeDatabaseMergeInputSchema, output: officeDatabaseMergeSchema },
  'pa:update': {
    input: z.strictObject({ id, version: z.number().int().min(1).optional(), patch: priorAuthPatchSchema }),
    output: priorAuthSchema,
  },
} satisfies Record<Channel, ChannelSpec>;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
