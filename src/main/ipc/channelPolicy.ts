// For every channel: who may call it, and what the audit trail records when it succeeds. A Record over
// every channel, so a new channel does not compile until someone decides both.
import type { Channel } from '../../shared/ipc/channels';
import type { Access } from '../auth/sessionService';

export type AuditAction =
  | 'view'
  | 'search'
  | 'create'
  | 'change'
  | 'delete'
  /** create when the input's id is null, change otherwise. */
  | 'save'
  | 'print'
  | 'export'
  | 'import';

export interface ChannelPolicy {
  access: Access;
  /**
   * null: nothing about a patient or the practice's records is read or changed (code lookup, lists).
   * `idField`: the input field naming the entity (default `id`; without one, the result's id is used).
   */
  audit: { action: AuditAction; entity: string; idField?: string } | null;
}

const user = (action?: AuditAction, entity?: string, idField?: string): ChannelPolicy => ({
  access: 'user',
  audit: action ? { action, entity: entity!, ...(idField ? { idField } : {}) } : null,
});
const admin = (action?: AuditAction, entity?: string, idField?: string): ChannelPolicy => ({
  access: 'admin',
  audit: action ? { action, entity: entity!, ...(idField ? { idField } : {}) } : null,
});
// Sign-in, unlock and status must work with nobody signed in; the session service audits them itself.
const open: ChannelPolicy = { access: 'open', audit: null };

export const CHANNEL_POLICY: Record<Channel, ChannelPolicy> = {
  'app:info': user(),
  'app:copyText': user(),
  'settings:get': user(),
  'settings:update': admin('change', 'settings'),
  'catalog:search': user(),
  'catalog:searchIndex': user(),
  'catalog:getCode': user(),
  'catalog:getIcd10': user(),
  'catalog:importPreview': admin(),
  'catalog:importApply': admin('import', 'licensed_codes'),
  'payers:list': user(),
  'payers:save': user('save', 'payer'),
  'payers:delete': user('delete', 'payer'),
  // Opens a listed web site in the browser (externalLinks.ts); nothing about a patient is involved.
  'payers:openPortal': user(),
  'plans:list': user(),
  'plans:get': user(),
  'plans:save': user('save', 'plan'),
  'plans:setBenefits': user('change', 'plan', 'planId'),
  'plans:delete': user('delete', 'plan'),
  'policies:matrix': user(),
  'policies:set': user('change', 'policy'),
  'patients:search': user('search', 'patient'),
  'patients:get': user('view', 'patient'),
  'patients:save': user('save', 'patient'),
  'coverages:save': user('save', 'coverage'),
  'coverages:delete': user('delete', 'coverage'),
  'history:add': user('create', 'service_history'),
  'history:delete': user('delete', 'service_history'),
  // A field's statements: reps' names and reference numbers about a plan, or a patient's amounts.
  'ledger:history': user('view', 'ledger'),
  'ledger:resolve': user('change', 'ledger'),
  'sample:status': user(),
  'sample:remove': admin('delete', 'sample_data'),
  // A pack carries every answer's provenance: rep names and call reference numbers. Administrators only.
  'packs:export': admin('export', 'policy_pack'),
  'packs:importPreview': admin(),
  'packs:importApply': admin('import', 'policy_pack'),
  'fees:list': user(),
  'fees:export': user('export', 'fee_schedule', 'planId'),
  'fees:importPreview': admin(),
  'fees:importApply': admin('import', 'fee_schedule', 'planId'),
  // Front-desk work: reading a 271 shows which patients it names (a view); recording it is an import.
  'eligibility:preview': user('view', 'eligibility_file'),
  'eligibility:import': user('import', 'eligibility_file'),
  // It shows the patient's name, plans and masked member IDs: a view of that patient, like patients:get
  // (otherwise any patient could be looked through unseen, one id after another).
  'estimate:compute': user('view', 'patient', 'patientId'),
  'estimate:save': user('create', 'estimate'),
  'estimate:get': user('view', 'estimate'),
  'print:costSummary': user('print', 'estimate', 'estimateId'),
  'print:costSummaryPdf': user('export', 'estimate', 'estimateId'),
  'gfe:issue': user('create', 'good_faith_estimate'),
  'gfe:get': user('view', 'good_faith_estimate'),
  'print:goodFaithEstimate': user('print', 'good_faith_estimate'),
  'print:goodFaithEstimatePdf': user('export', 'good_faith_estimate'),
  // Checks codes and dates before dialling; nothing is read about the patient but their coverage dates.
  'call:preflight': user(),
  'call:start': user('create', 'call'),
  'call:startMedical': user('create', 'call'),
  'call:get': user('view', 'call'),
  'call:answer': user('change', 'call'),
  'call:confirmReadBack': user('change', 'call'),
  'call:confirmOnFile': user('change', 'call'),
  'call:back': user('change', 'call'),
  'call:setDetails': user('change', 'call'),
  'call:toggleHold': user('change', 'call'),
  'call:drop': user('change', 'call'),
  'call:complete': user('change', 'call'),
  'call:amend': user('change', 'call'),
  // The "resume" offer names the patient, so reading it is a view.
  'call:inProgress': user('view', 'call'),
  'call:search': user('search', 'call'),
  'print:verificationRecord': user('print', 'call'),
  'print:verificationRecordPdf': user('export', 'call'),
  'pa:worklist': user('view', 'prior_auth_worklist'),
  'pa:update': user('change', 'prior_auth'),
  'pa:history': user('view', 'prior_auth'),
  'reverify:worklist': user('view', 'reverify_worklist'),
  'todo:list': user('view', 'todo_list'),
  'todo:update': user('change', 'todo'),
  'session:status': open,
  'session:setup': open,
  // Answer only before the database opens (startupDispatch.ts): the recovery code, whose use is audited
  // as emergency access once the database is open, and the damaged-database screen, where the restore
  // is audited when it runs at the next start.
  'session:recover': open,
  'startup:damage': open,
  'startup:chooseBackup': open,
  'startup:restore': open,
  'session:signIn': open,
  'session:unlock': open,
  'session:lock': open,
  'session:signOut': user(),
  'users:list': admin(),
  // Audited by the user service itself: hashing the password makes the handler asynchronous.
  'users:save': admin(),
  'audit:list': admin('view', 'audit_log'),
  'audit:verify': admin('view', 'audit_log'),
  'audit:export': admin('export', 'audit_log'),
  'security:recoveryCode': admin('view', 'recovery_key'),
  'security:recoveryCodeStored': admin('change', 'recovery_key'),
  // Audited by its handler: asynchronous, and the re-encryption cannot run inside a transaction.
  'security:changeKey': admin(),
  'security:emergencyAccess': admin(),
  // The acknowledgement is itself the audit row (change of emergency_access <id>).
  'security:acknowledgeEmergencyAccess': admin('change', 'emergency_access'),
  // The backup service writes its own audit rows: VACUUM INTO cannot run inside the guard's transaction.
  'backups:list': admin(),
  'backups:create': admin(),
  // Only asks the OS for a folder name; saving it is settings:update (audited).
  'backups:chooseFolder': admin(),
  'backups:preview': admin(),
  'backups:restore': admin(),
  // Audited by their handler once the server has answered (officeDatabaseHandlers.ts): which server,
  // database and user, and the outcome; never the password nor the office key.
  'officedb:check': admin(),
  'officedb:create': admin(),
  'officedb:use': admin(),
  'officedb:key': admin(),
  'officedb:leave': admin(),
  // Reads what is chosen (no patient data, nothing secret); a restart changes nothing by itself.
  'officedb:status': admin(),
  'officedb:restart': admin(),
  'officedb:move': admin(),
  'officedb:merge': admin(),
};
