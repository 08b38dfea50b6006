// The office data's tables as the query layer sees them, the same on SQLite and PostgreSQL (migrations
// make them so: integers, text dates and timestamps, 0/1 flags, JSON kept as text). The code catalog is
// not here: it stays in each desk's own SQLite file (catalogRepo.ts).
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Flag = 0 | 1;

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
}

export interface SeedVersionsTable {
  name: string;
  version: number;
}

export interface PayersTable {
  id: Id;
  name: string;
  electronic_payer_id: string | null;
  phone_benefits: string | null;
  phone_prior_auth: string | null;
  phone_medical: string | null;
  phone_provider_services: string | null;
  portal_url: string | null;
  fax: string | null;
  claims_address: string | null;
  notes: string | null;
  sends_inverted_coinsurance: Generated<string>;
  is_sample: Generated<Flag>;
  updated_at: string;
}

export interface PlansTable {
  id: Id;
  payer_id: number;
  name: string;
  group_number: string | null;
  employer_name: string | null;
  plan_type: string;
  notes: string | null;
  is_sample: Generated<Flag>;
  updated_at: string;
}

export interface OfficeFeesTable {
  cdt_code: string;
  fee_cents: number;
  updated_at: string;
}

export interface PlanAllowedFeesTable {
  plan_id: number;
  cdt_code: string;
  allowed_cents: number;
  updated_at: string;
}

export interface PatientsTable {
  id: Id;
  first_name: string;
  last_name: string;
  dob: string;
  preferred_language: string;
  phone: string | null;
  is_sample: Generated<Flag>;
  updated_at: string;
}

export interface CoveragesTable {
  id: Id;
  patient_id: number;
  plan_id: number;
  ordinal: number;
  member_id: string;
  subscriber_name: string;
  subscriber_dob: string | null;
  relationship: string;
  removed_at: string | null;
  removed_by: string | null;
  updated_at: string;
}

export interface EstimatesTable {
  id: Id;
  patient_id: number;
  created_at: string;
  created_by: string;
  valid_until: string;
  request_json: string;
  view_json: string;
}

export interface GoodFaithEstimatesTable {
  id: number;
  patient_id: number;
  issued_at: string;
  snapshot_json: string;
}

export interface CallsTable {
  id: Id;
  patient_id: number;
  plan_id: number;
  medical_call_of: number | null;
  script_id: string;
  script_version: number;
  planned_json: string;
  dialed_number: string | null;
  ivr_notes: string | null;
  started_at: string;
  ended_at: string | null;
  rep_name: string | null;
  reference_number: string | null;
  no_reference_reason: string | null;
  status: 'in_progress' | 'partial' | 'completed';
  staff_user: string;
  state_json: string;
  next_action: string | null;
  next_action_due: string | null;
  reverify_date: string | null;
  updated_at: string;
}

export interface CallAnswersTable {
  id: Id;
  call_id: number;
  answer_key: string;
  answer_json: string;
  comparison: string | null;
  on_file_json: string | null;
  answered_at: string;
}

export interface CallReadBacksTable {
  id: Id;
  answer_id: number;
  confirmed_at: string;
  confirmed_by: string;
}

export interface CallHoldsTable {
  id: Id;
  call_id: number;
  started_at: string;
  ended_at: string | null;
}

export interface CallAmendmentsTable {
  id: Id;
  call_id: number;
  amended_at: string;
  amended_by: string;
  what: string;
  why: string;
}

export interface PriorAuthsTable {
  id: Id;
  call_id: number;
  patient_id: number;
  plan_id: number;
  code: string;
  service_date: string;
  status: string;
  method: string | null;
  contact: string | null;
  attachments: string | null;
  submitted_on: string | null;
  decision_expected_on: string | null;
  auth_number: string | null;
  approved_units: number | null;
  valid_from: string | null;
  valid_to: string | null;
  created_at: string;
  updated_at: string;
  /** Bumped on every change (migration 14): an edit made from an older copy is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface PriorAuthEventsTable {
  id: Id;
  prior_auth_id: number;
  at: string;
  by_user: string;
  status: string;
  note: string | null;
}

export interface PlannedServicesTable {
  source: 'call' | 'estimate';
  source_id: number;
  patient_id: number;
  service_date: string;
  code: string;
}

export interface LastVerificationsTable {
  patient_id: number;
  plan_id: number;
  call_id: number;
  ended_at: string;
  reverify_date: string | null;
}

export interface PlanYearsTable {
  plan_id: number;
  start_month: number | null;
}

export interface UsersTable {
  id: Id;
  username: string;
  display_name: string;
  role: 'front_desk' | 'admin';
  password_hash: string;
  active: Generated<Flag>;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: number;
  ts_utc: string;
  user_id: number | null;
  user_name: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail_json: string;
  prev_hash: string;
  hash: string;
  mac_key: string | null;
}

export interface ObservationsTable {
  id: Id;
  uid: string;
  payer_id: number | null;
  plan_id: number | null;
  coverage_id: number | null;
  patient_id: number | null;
  code: string;
  field: string;
  value_json: string;
  observed_on: string;
  recorded_at: string;
  recorded_by: string;
  workstation: string;
  source: string;
  call_id: number | null;
  rep_name: string | null;
  reference_number: string | null;
  source_detail: string | null;
  retracts_uid: string | null;
}

export interface TodoMarksTable {
  item_key: string;
  owner: string | null;
  done_at: string | null;
  done_by: string | null;
  snoozed_until: string | null;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

export interface TodoEventsTable {
  id: Id;
  item_key: string;
  at: string;
  by_user: string;
  what: string;
}

/** Rows brought in from another computer's database (migration 14): which row each became here. */
export interface MergedRowsTable {
  source: string;
  kind: string;
  old_id: string;
  new_id: string;
  merged_at: string;
}

/** A merged computer's audit trail, kept as it was (migration 14); the office trail vouches for its end. */
export interface MergedAuditLogTable {
  source: string;
  id: number;
  ts_utc: string;
  user_id: number | null;
  user_name: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail_json: string;
  prev_hash: string;
  hash: string;
  mac_key: string | null;
}

/** Eligibility files (X12 271) imported, kept as received (migration 14). */
export interface EligibilityFilesTable {
  id: Id;
  sha256: string;
  file_name: string;
  payer_name: string;
  payer_id: string | null;
  response_date: string;
  members_recorded: number;
  statements: number;
  content: string;
  imported_at: string;
  imported_by: string;
}

/** The office database's record of the audit trail's last entry (PostgreSQL only, migration 14). */
export interface AuditHeadTable {
  only_row: boolean;
  id: number;
  hash: string;
}

export interface Schema {
  eligibility_files: EligibilityFilesTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
  seed_versions: SeedVersionsTable;
  payers: PayersTable;
  plans: PlansTable;
  office_fees: OfficeFeesTable;
  plan_allowed_fees: PlanAllowedFeesTable;
  patients: PatientsTable;
  coverages: CoveragesTable;
  estimates: EstimatesTable;
  good_faith_estimates: GoodFaithEstimatesTable;
  calls: CallsTable;
  call_answers: CallAnswersTable;
  call_read_backs: CallReadBacksTable;
  call_holds: CallHoldsTable;
  call_amendments: CallAmendmentsTable;
  prior_auths: PriorAuthsTable;
  prior_auth_events: PriorAuthEventsTable;
  planned_services: PlannedServicesTable;
  last_verifications: LastVerificationsTable;
  plan_years: PlanYearsTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  observations: ObservationsTable;
  todo_marks: TodoMarksTable;
  todo_events: TodoEventsTable;
  merged_rows: MergedRowsTable;
  merged_audit_log: MergedAuditLogTable;
}
