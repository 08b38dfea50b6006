// The audit trail as an administrator reads it: one line per thing a person did, not one per answer.
// Consecutive rows (newest first) by the same person about the same record (a call's ~50 answers, a
// patient viewed three times while editing), or the same search typed letter by letter, become one
// group that says what was done and how often.
import type { AuditRowView } from './authViews';

export interface AuditGroup {
  /** The newest row's id: a stable key. */
  key: number;
  userName: string;
  entity: string;
  entityId: number | null;
  patientName: string | null;
  /** Oldest and newest instants in the group (ISO). */
  from: string;
  to: string;
  /** Each action with how many times it happened, in the order things are done (create, view, change…). */
  actions: Array<{ action: string; count: number }>;
  rows: AuditRowView[];
}

const sameRecord = (a: AuditRowView, b: AuditRowView) =>
  a.userName === b.userName &&
  a.entity === b.entity &&
  a.entityId === b.entityId &&
  // Rows about no one record (searches, worklists) join only their own kind.
  (a.entityId !== null || a.action === b.action);

const ACTION_ORDER = ['create', 'view', 'search', 'change', 'print', 'export', 'import', 'delete'];
const order = (action: string) => {
  const i = ACTION_ORDER.indexOf(action);
  return i === -1 ? ACTION_ORDER.length : i;
};

export function groupAuditRows(rows: readonly AuditRowView[]): AuditGroup[] {
  const groups: AuditRowView[][] = [];
  for (const row of rows) {
    const current = groups.at(-1);
    if (current && sameRecord(current[0]!, row)) current.push(row);
    else groups.push([row]);
  }
  return groups.map((members) => {
    const newest = members[0]!;
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.action, (counts.get(m.action) ?? 0) + 1);
    return {
      key: newest.id,
      userName: newest.userName,
      entity: newest.entity,
      entityId: newest.entityId,
      patientName: members.find((m) => m.patientName !== null)?.patientName ?? null,
      from: members.at(-1)!.tsUtc,
      to: newest.tsUtc,
      actions: [...counts]
        .map(([action, count]) => ({ action, count }))
        .sort((a, b) => order(a.action) - order(b.action)),
      rows: members,
    };
  });
}

/** Record kinds in the words the screen uses. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  patient: 'patient record',
  coverage: 'coverage',
  service_history: 'imaging history',
  call: 'verification call',
  estimate: 'estimate',
  good_faith_estimate: 'Good Faith Estimate',
  prior_auth: 'prior authorization',
  prior_auth_worklist: 'prior-authorization worklist',
  reverify_worklist: 're-verify worklist',
  payer: 'payer',
  plan: 'plan',
  policy: 'code policy',
  settings: 'settings',
  session: 'session',
  user: 'user account',
  audit_log: 'audit trail',
  backup: 'backup',
  recovery_key: 'recovery code',
  database_key: 'database key',
  emergency_access: 'recovery-code use',
  policy_pack: 'policy pack',
  fee_schedule: 'fee schedule',
  licensed_codes: 'licensed code texts',
  sample_data: 'sample data',
  database: 'database',
};

/** Past-tense verbs for actions, as they read in a sentence ("viewed", "changed 48 times"). */
export const AUDIT_ACTION_WORDS: Record<string, string> = {
  view: 'viewed',
  search: 'searched',
  create: 'created',
  change: 'changed',
  delete: 'deleted',
  print: 'printed',
  export: 'exported',
  import: 'imported',
  sign_in: 'signed in',
  sign_in_failed: 'failed to sign in',
  sign_in_refused: 'was refused sign-in (too many tries)',
  backup: 'made',
  restore: 'restored',
  restore_requested: 'asked to restore',
  lock: 'locked',
  unlock: 'unlocked',
  sign_out: 'signed out',
  setup: 'set up',
  emergency_access: 'opened with the recovery code',
};

/** What a searched-for kind of record is called in "searched …". */
const SEARCHED: Record<string, string> = { patient: 'patients', call: 'calls' };

/** "created verification call #12, changed it 48 times"; "searched patients 6 times". */
export function describeGroup(group: Pick<AuditGroup, 'actions' | 'entity' | 'entityId'>): string {
  const thing =
    (AUDIT_ENTITY_LABELS[group.entity] ?? group.entity.replace(/_/g, ' ')) +
    (group.entityId !== null ? ` #${group.entityId}` : '');
  return group.actions
    .map(({ action, count }, i) => {
      const word = AUDIT_ACTION_WORDS[action] ?? action.replace(/_/g, ' ');
      const times = count === 1 ? '' : ` ${count} times`;
      if (action === 'search') return `${word} ${SEARCHED[group.entity] ?? thing}${times}`;
      return `${word} ${i === 0 ? thing : 'it'}${times}`;
    })
    .join(', ');
}
