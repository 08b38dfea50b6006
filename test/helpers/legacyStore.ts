// A store written the way VerifyDesk wrote it before the ledger (schemas 7 to 11), in plain SQL so it does
// not depend on today's code: a payer with a default, a plan whose benefits, policies and facts carry
// provenance from a call, a person and a pack, a patient with coverage amounts and a service history,
// a completed call, and two saved estimates. Migration tests start from it.
import type { Db } from '../../src/main/db/connection';
import { atNoon, daysFromToday } from './testClock';

export interface LegacyStore {
  payerId: number;
  planId: number;
  patientId: number;
  coverageId: number;
  callId: number;
  /** Provenance rows: from the call, from a person, from a pack. */
  provenance: { call: number; manual: number; pack: number };
  dates: {
    callDay: string;
    manualDay: string;
    packDay: string;
    statedOn: string;
    effective: string;
    pano: string;
  };
}

const iso = (day: string, hour = 15) => atNoon(day, hour).toISOString();

export function fillLegacyStore(db: Db): LegacyStore {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < 7 || version > 11)
    throw new Error(`the legacy store is written for schemas 7-11, not ${version}`);
  const dates = {
    callDay: daysFromToday(-10),
    manualDay: daysFromToday(-40),
    packDay: daysFromToday(-120),
    statedOn: daysFromToday(-5),
    effective: daysFromToday(-700),
    pano: daysFromToday(-900),
  };
  const run = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
  const at = iso(dates.callDay);

  const payerId = run(
    `INSERT INTO payers (name, phone_benefits, notes, sends_inverted_coinsurance, is_sample, updated_at)
     VALUES ('Fictional Legacy Dental (test)', '555-0100', NULL, 'no', 0, ?)`,
    at,
  );
  const provenanceId = (
    source: string,
    by: string,
    when: string,
    callId: number | null,
    rep: string | null,
    ref: string | null,
  ) =>
    run(
      `INSERT INTO provenance (source, recorded_by, recorded_at, call_id, rep_name, reference_number) VALUES (?, ?, ?, ?, ?, ?)`,
      source,
      by,
      when,
      callId,
      rep,
      ref,
    );
  const manual = provenanceId('manual', 'Pat Admin', iso(dates.manualDay), null, null, null);
  const pack = provenanceId('import', 'Other Desk', iso(dates.packDay), null, 'Rep Older', 'REF-PACK-9');

  const planId = run(
    `INSERT INTO plans (payer_id, name, group_number, employer_name, plan_type, notes, benefits_json, provenance_json,
       is_sample, updated_at) VALUES (?, 'Legacy PPO', 'GRP-LEG-1', 'Synthetic Employer Inc.', 'ppo', NULL, '{}', '{}', 0, ?)`,
    payerId,
    at,
  );
  const patientId = run(
    `INSERT INTO patients (first_name, last_name, dob, preferred_language, phone, is_sample, updated_at)
     VALUES ('Legacy', 'Synthpatient', '1980-05-05', 'en', NULL, 0, ?)`,
    at,
  );
  const callId = run(
    `INSERT INTO calls (patient_id, plan_id, medical_call_of, script_id, script_version, planned_json, dialed_number,
       started_at, status, staff_user, state_json, updated_at)
     VALUES (?, ?, NULL, 'imaging-verification', 1, ?, '555-0100', ?, 'in_progress', 'Pat Admin', ?, ?)`,
    patientId,
    planId,
    JSON.stringify([{ code: 'D0367', tooth: null, serviceDate: daysFromToday(20) }]),
    at,
    JSON.stringify({
      stepId: '@end',
      codeIndex: 1,
      outcomes: { D0367: 'pa_required' },
      callOutcome: null,
      trail: [],
    }),
    at,
  );
  const answer = (key: string, json: unknown, wasKnown: 0 | 1) =>
    run(
      'INSERT INTO call_answers (call_id, answer_key, answer_json, was_known, answered_at) VALUES (?, ?, ?, ?, ?)',
      callId,
      key,
      JSON.stringify(json),
      wasKnown,
      at,
    );
  answer('rep_name', { type: 'text', value: 'Denise K' }, 0);
  answer('reference_number', { type: 'reference', value: 'REF-OLD-1' }, 0);
  answer('annual_max', { type: 'money', value: 150_000 }, 1);
  answer('coverage_percent@D0367', { type: 'percent', value: 5000 }, 0);
  db.prepare(
    `UPDATE calls SET status = 'completed', ended_at = ?, rep_name = 'Denise K', reference_number = 'REF-OLD-1',
       next_action = 'Submit the prior authorization', next_action_due = ?, reverify_date = ? WHERE id = ?`,
  ).run(at, daysFromToday(-8), daysFromToday(20), callId);
  const call = provenanceId(
    'call',
    'Pat Admin',
    at,
    version >= 10 ? callId : callId,
    'Denise K',
    'REF-OLD-1',
  );

  const benefits = {
    networkStatus: 'in_network',
    benefitYearStartMonth: 1,
    annualMaxCents: 150_000,
    deductibleIndividualCents: 5_000,
    deductibleFamilyCents: null,
    deductibleWaivedCategories: ['diagnostic'],
    coverageByCategory: null,
    waitingPeriods: null,
    cobMethod: 'standard',
  };
  // benefitYearStartMonth has no provenance (as sample data and old entries could have).
  const benefitProvenance = {
    networkStatus: manual,
    annualMaxCents: call,
    deductibleIndividualCents: pack,
    deductibleWaivedCategories: manual,
    cobMethod: manual,
  };
  db.prepare('UPDATE plans SET benefits_json = ?, provenance_json = ? WHERE id = ?').run(
    JSON.stringify(benefits),
    JSON.stringify(benefitProvenance),
    planId,
  );
  db.prepare(
    `INSERT INTO code_policies (payer_id, plan_id, cdt_code, covered, coverage_bp, category, frequency_json, age_limits_json,
       prior_auth, pa_method, pa_contact, pa_turnaround_days, pa_validity_days, pa_attachments_json, medical_first,
       alternate_code, bundling_notes, notes, provenance_json, updated_at)
     VALUES (?, ?, 'D0367', 'yes', 5000, 'major', ?, NULL, 'required', 'portal', NULL, NULL, NULL, NULL, 'unknown',
       NULL, NULL, NULL, ?, ?)`,
  ).run(
    payerId,
    planId,
    JSON.stringify({ count: 1, per: 'months', months: 36, sharedWith: [] }),
    JSON.stringify({
      covered: call,
      coverageBp: call,
      category: manual,
      frequency: manual,
      priorAuth: call,
      paMethod: call,
    }),
    at,
  );
  db.prepare(
    `INSERT INTO code_policies (payer_id, plan_id, cdt_code, covered, coverage_bp, category, frequency_json, age_limits_json,
       prior_auth, pa_method, pa_contact, pa_turnaround_days, pa_validity_days, pa_attachments_json, medical_first,
       alternate_code, bundling_notes, notes, provenance_json, updated_at)
     VALUES (?, NULL, 'D0330', 'yes', 10000, 'diagnostic', NULL, NULL, 'not_required', NULL, NULL, NULL, NULL, NULL,
       'no', NULL, NULL, NULL, ?, ?)`,
  ).run(
    payerId,
    JSON.stringify({ covered: pack, coverageBp: pack, category: pack, priorAuth: pack, medicalFirst: pack }),
    at,
  );
  db.prepare(
    `INSERT INTO plan_facts (plan_id, cdt_code, step_id, answer_json, provenance_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(planId, 'D0367', 'allowed_fee', JSON.stringify({ type: 'money', value: 90_000 }), call, at);
  db.prepare(
    `INSERT INTO plan_facts (plan_id, cdt_code, step_id, answer_json, provenance_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    planId,
    '',
    'deductible_for_imaging',
    JSON.stringify({ type: 'yes_no_unknown', value: 'no' }),
    call,
    at,
  );

  const coverageId = run(
    `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, subscriber_dob, relationship,
       effective_date, termination_date, max_used_cents, max_used_stated_on, deductible_met_cents,
       deductible_met_stated_on, provenance_json, updated_at)
     VALUES (?, ?, 1, 'LEG987654321', 'Legacy Synthpatient', '1980-05-05', 'self', ?, NULL, 20000, ?, 0, ?, ?, ?)`,
    patientId,
    planId,
    dates.effective,
    dates.statedOn,
    dates.statedOn,
    JSON.stringify({ maxUsedCents: manual, deductibleMetCents: manual }),
    at,
  );
  run(
    `INSERT INTO service_history (patient_id, cdt_code, service_date, source, created_at) VALUES (?, 'D0330', ?, 'payer', ?)`,
    patientId,
    dates.pano,
    at,
  );
  run('INSERT INTO office_fees (cdt_code, fee_cents, updated_at) VALUES (?, ?, ?)', 'D0367', 120_000, at);
  const line = { code: 'D0330', tooth: null, serviceDate: daysFromToday(40), feeCents: 10_000 };
  const estimate = (selfPay: boolean, code: string) =>
    run(
      `INSERT INTO estimates (patient_id, created_at, created_by, valid_until, request_json, view_json) VALUES (?, ?, ?, ?, ?, ?)`,
      patientId,
      at,
      'Pat Admin',
      daysFromToday(20),
      JSON.stringify({ patientId, selfPay, lines: [{ ...line, code }] }),
      JSON.stringify({ lines: [] }),
    );
  estimate(false, 'D0330');
  estimate(true, 'D0310');
  return { payerId, planId, patientId, coverageId, callId, provenance: { call, manual, pack }, dates };
}
