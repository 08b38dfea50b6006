// "Merge this computer's data into the office database": a second or third computer, with data of its
// own, adds it to an office database that already holds the office's, in ONE server transaction under
// the audit lock. Every row gets a new id on the server and every reference is rewritten through the
// old-to-new map, which is kept in merged_rows (so the same computer merged twice brings nothing twice,
// and anyone can find where a row of this computer went). What is already the office's is matched, not
// copied: users by username, payers by name, plans by payer, name and group, ledger statements by their
// unique ids, eligibility files by their SHA-256, and patients by name, birth date and member ID. A
// patient that only partly matches is doubtful: nothing is written until an administrator has said,
// for each, whether it is the same patient. This computer's audit trail is kept verbatim (its own ids,
// hashes and key ids) in merged_audit_log and never re-signed; one office entry records the merge.
// Before COMMIT the rows added are counted against this computer's and the office chain is verified;
// anything that differs rolls the whole merge back.
import { sql, type Kysely } from 'kysely';
import { formatDate } from '../../../shared/dates/typedDate';
import { AppError } from '../../../shared/ipc/result';
import { serverHeadAnchor } from '../../audit/auditAnchor';
import { auditChainOf, type AuditChain, type AuditKey } from '../../audit/auditChain';
import { openAuditTrail, recordAudit, verifyAuditChain } from '../../audit/auditLog';
import type { AppDb } from '../appDb';
import { lockAuditTrail } from '../engine/locks';
import { latestVersion } from '../migrate';
import { MIGRATIONS } from '../migrations';
import type { OfficeDatabaseSettings } from '../../../shared/settings/officeDatabase';
import { withServer } from './checkOfficeDatabase';
import { NOT_THIS_OFFICES_KEY, trailSigningKeyId } from './chooseOfficeDatabase';
import { inPlainWords } from './moveToOffice';
import { officeDataHeld } from './officeDataHeld';
import { COPIED_TABLES, countWords, unknownTables, type CopiedTable } from './officeTables';
import { officeSchemaState } from './pgMigrate';
import { pagesOf, sqliteColumns, sqliteTables, type Row } from './tableRows';

/** An administrator's answer for one doubtful patient of this computer. */
export type PatientDecision = { patientId: number; sameAs: number } | { patientId: number; separate: true };

export interface PatientSide {
  id: number;
  firstName: string;
  lastName: string;
  dob: string;
  memberIds: string[];
}

/** A patient of this computer and an office patient that may or may not be the same person. */
export interface DoubtfulPair {
  here: PatientSide;
  office: PatientSide;
  why: string;
}

/** How many of this computer's patients are in doubt (one may look like several of the office's). */
const patientsInDoubt = (pairs: readonly DoubtfulPair[]) => new Set(pairs.map((p) => p.here.id)).size;

/** The merge wrote nothing: these pairs need an administrator's decision first. */
export class DoubtfulPatients extends AppError {
  constructor(readonly pairs: DoubtfulPair[]) {
    super(
      'conflict',
      `Nothing was merged: ${patientsInDoubt(pairs) === 1 ? 'one patient of this computer looks like a patient' : `${patientsInDoubt(pairs)} patients of this computer look like patients`} of the office, but not for certain. Say for each whether it is the same patient, then merge again.\n${pairs.map(pairWords).join('\n')}`,
    );
    this.name = 'DoubtfulPatients';
  }
}

const sideWords = (p: PatientSide) =>
  `${p.firstName} ${p.lastName}, born ${formatDate(p.dob)}, member ID ${p.memberIds.length > 0 ? p.memberIds.join(' / ') : 'none'}`;
const pairWords = (pair: DoubtfulPair) =>
  `- This computer: ${sideWords(pair.here)}. Office: ${sideWords(pair.office)}. (${pair.why})`;

export interface MergeOptions {
  now: () => Date;
  /** This computer's name, for the office trail. */
  computer: string;
  /** Who merged (this computer's administrator; recorded by name). */
  who: { id: number; displayName: string } | null;
  /** The key the office trail is signed with (this computer's own key signs only its own trail). */
  officeKey: AuditKey;
  decisions: readonly PatientDecision[];
  /** Tests only: runs after each table is merged, inside the transaction (a planted failure). */
  afterTable?: (table: string) => void | Promise<void>;
}

export interface MergeResult {
  /** Per table: rows on this computer, rows found already on the office database, rows added. */
  counts: Record<string, { here: number; matched: number; added: number }>;
  /** The stable name of this computer's data in merged_rows and merged_audit_log. */
  source: string;
  /** This computer's trail's last hash, now kept in merged_audit_log. */
  mergedTrailHead: string | null;
  computer: string;
  message: string;
}

type AnyDb = Kysely<Record<string, Row>>;
const anyQ = (db: AppDb) => db.q as unknown as AnyDb;
const refuse = (why: string) => new AppError('conflict', `Nothing was merged: ${why}`);

/** Which table each id column points to. */
const REFS: Partial<Record<CopiedTable, Record<string, CopiedTable>>> = {
  plans: { payer_id: 'payers' },
  plan_allowed_fees: { plan_id: 'plans' },
  coverages: { patient_id: 'patients', plan_id: 'plans' },
  estimates: { patient_id: 'patients' },
  good_faith_estimates: { patient_id: 'patients' },
  calls: { patient_id: 'patients', plan_id: 'plans', medical_call_of: 'calls' },
  call_answers: { call_id: 'calls' },
  call_read_backs: { answer_id: 'call_answers' },
  call_holds: { call_id: 'calls' },
  call_amendments: { call_id: 'calls' },
  prior_auths: { call_id: 'calls', patient_id: 'patients', plan_id: 'plans' },
  prior_auth_events: { prior_auth_id: 'prior_auths' },
  observations: {
    payer_id: 'payers',
    plan_id: 'plans',
    coverage_id: 'coverages',
    patient_id: 'patients',
    call_id: 'calls',
  },
};

/** Rows with an id of their own: each gets a new id on the server (or an office row's, when matched). */
const ID_TABLES = [
  'users',
  'payers',
  'plans',
  'patients',
  'coverages',
  'estimates',
  'good_faith_estimates',
  'calls',
  'call_answers',
  'call_read_backs',
  'call_holds',
  'call_amendments',
  'prior_auths',
  'prior_auth_events',
  'observations',
  'eligibility_files',
  'todo_events',
] as const satisfies readonly CopiedTable[];
type IdTable = (typeof ID_TABLES)[number];

/** Keyed by what they are about, not an id: the office's row stays when it has one for the same key. */
const KEYED: Partial<Record<CopiedTable, readonly string[]>> = {
  office_fees: ['cdt_code'],
  plan_allowed_fees: ['plan_id', 'cdt_code'],
  todo_marks: ['item_key'],
};

/**
 * Not carried: the office's own settings and seed versions stay the office's; this computer's record of
 * computers merged into IT points at this computer's old ids, which mean nothing on the server (that
 * computer's trail, in merged_audit_log, is carried verbatim). This computer's audit_log goes to
 * merged_audit_log, not into the office trail.
 */
const NOT_CARRIED = new Set<CopiedTable>(['settings', 'seed_versions', 'merged_rows']);

/** Names and member IDs compared the way a person reads them: case, spaces and dashes aside. */
const foldName = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const foldMemberId = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
const personKey = (p: { first_name: unknown; last_name: unknown; dob: unknown }) =>
  `${foldName(String(p.last_name))}|${foldName(String(p.first_name))}|${String(p.dob)}`;

interface PatientRow {
  id: number;
  first_name: string;
  last_name: string;
  dob: string;
}

async function patientsWithMemberIds(db: AppDb): Promise<{ row: PatientRow; memberIds: string[] }[]> {
  const patients = (await db.q
    .selectFrom('patients')
    .select(['id', 'first_name', 'last_name', 'dob'])
    .orderBy('id')
    .execute()) as PatientRow[];
  const coverages = await db.q.selectFrom('coverages').select(['patient_id', 'member_id']).execute();
  const ids = new Map<number, Set<string>>();
  for (const c of coverages) {
    const set = ids.get(Number(c.patient_id)) ?? new Set<string>();
    set.add(foldMemberId(c.member_id));
    ids.set(Number(c.patient_id), set);
  }
  return patients.map((row) => ({
    row: { ...row, id: Number(row.id) },
    memberIds: [...(ids.get(Number(row.id)) ?? [])].sort(),
  }));
}

const sideOf = (p: { row: PatientRow; memberIds: string[] }): PatientSide => ({
  id: p.row.id,
  firstName: p.row.first_name,
  lastName: p.row.last_name,
  dob: p.row.dob,
  memberIds: p.memberIds,
});

/**
 * Which office patient each of this computer's patients is (null: a new patient), from the exact
 * matches and the administrator's decisions; throws DoubtfulPatients when a doubtful one is undecided.
 */
async function matchPatients(
  source: AppDb,
  target: AppDb,
  alreadyMerged: ReadonlyMap<number, number>,
  decisions: readonly PatientDecision[],
): Promise<Map<number, number | null>> {
  const here = await patientsWithMemberIds(source);
  const office = await patientsWithMemberIds(target);
  const byPerson = new Map<string, typeof office>();
  const byMember = new Map<string, typeof office>();
  for (const p of office) {
    const key = personKey(p.row);
    byPerson.set(key, [...(byPerson.get(key) ?? []), p]);
    for (const m of p.memberIds) byMember.set(m, [...(byMember.get(m) ?? []), p]);
  }
  const decided = new Map(decisions.map((d) => [d.patientId, d]));
  const matched = new Map<number, number | null>();
  const doubtful: DoubtfulPair[] = [];
  for (const p of here) {
    const merged = alreadyMerged.get(p.row.id);
    if (merged !== undefined) {
      matched.set(p.row.id, merged);
      continue;
    }
    const samePerson = byPerson.get(personKey(p.row)) ?? [];
    const exact = samePerson.filter((o) => o.memberIds.some((m) => p.memberIds.includes(m)));
    const sameMemberOtherPerson = p.memberIds
      .flatMap((m) => byMember.get(m) ?? [])
      .filter((o) => personKey(o.row) !== personKey(p.row));
    const candidates = [
      ...new Map([...samePerson, ...sameMemberOtherPerson].map((o) => [o.row.id, o])).values(),
    ];
    if (exact.length === 1 && candidates.length === 1) {
      matched.set(p.row.id, exact[0]!.row.id);
      continue;
    }
    if (candidates.length === 0) {
      matched.set(p.row.id, null);
      continue;
    }
    const decision = decided.get(p.row.id);
    if (decision && 'separate' in decision) matched.set(p.row.id, null);
    else if (decision && candidates.some((c) => c.row.id === decision.sameAs))
      matched.set(p.row.id, decision.sameAs);
    else
      for (const o of candidates)
        doubtful.push({
          here: sideOf(p),
          office: sideOf(o),
          why:
            personKey(o.row) !== personKey(p.row)
              ? 'Same member ID, but a different name or birth date.'
              : p.memberIds.length === 0 || o.memberIds.length === 0
                ? 'Same name and birth date; no member ID on file to compare.'
                : 'Same name and birth date, but the member IDs differ.',
        });
  }
  if (doubtful.length > 0) throw new DoubtfulPatients(doubtful);
  return matched;
}

/** The to-do list's keys name ids (call:12, pa:3:submit, reverify:patient:plan:date): rewritten too. */
function rewriteItemKey(key: string, map: (table: IdTable, id: number) => number | undefined): string {
  const parts = key.split(':');
  const swap = (i: number, table: IdTable) => {
    const id = Number(parts[i]);
    const to = Number.isInteger(id) ? map(table, id) : undefined;
    if (to !== undefined) parts[i] = String(to);
  };
  if (parts[0] === 'call') swap(1, 'calls');
  else if (parts[0] === 'pa') swap(1, 'prior_auths');
  else if (parts[0] === 'reverify') {
    swap(1, 'patients');
    swap(2, 'plans');
  }
  return parts.join(':');
}

/** New ids from each table's own sequence, so later rows on any desk continue after them. */
async function newIds(target: AppDb, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id FROM generate_series(1, ${n})`.execute(
    target.q,
  );
  return rows.map((r) => Number(r.id));
}

async function insertRows(target: AppDb, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(20_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += size)
    await anyQ(target)
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}

async function countRows(db: AppDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.q);
  return Number(rows[0]!.n);
}

/** The stable name of this computer's data: its own audit key's id, which never changes on a computer. */
export const mergeSourceOf = (source: AppDb) => `desk:${auditChainOf(source).key.id}`;

/**
 * Merges this computer's data (`source`, SQLite) into `target`, an office database at this app's schema
 * that already holds office data, all or nothing. Throws DoubtfulPatients (nothing written) when a
 * doubtful patient is undecided, and AppError 'conflict' ("Nothing was merged: ...") for every other
 * refusal or check that fails; the server is then as it was.
 */
export async function mergeIntoOffice(
  source: AppDb,
  target: AppDb,
  options: MergeOptions,
): Promise<MergeResult> {
  if (source.engine !== 'sqlite' || target.engine !== 'postgres')
    throw refuse("this computer already uses an office database; only a computer's own file can be merged.");
  const sourceName = mergeSourceOf(source);
  const chain: AuditChain = { key: options.officeKey, anchor: serverHeadAnchor(target) };
  await openAuditTrail(target, chain, { mayStart: false });
  return source.tx(() =>
    target.tx(async () => {
      // Desks appending to the trail, a move or another merge wait here until this one is done.
      await lockAuditTrail(target);
      const state = await officeSchemaState(target);
      const latest = latestVersion(MIGRATIONS);
      if (state.kind !== 'verifydesk' || state.version !== latest)
        throw refuse(
          `${target.where} is not a VerifyDesk database at schema ${latest}, the version this VerifyDesk uses. Test the connection to see what it is.`,
        );
      if ((await officeDataHeld(target)).length === 0)
        throw refuse(
          `${target.where} holds no office data yet: move this computer's data there instead of merging it.`,
        );
      const signedWith = await trailSigningKeyId(target);
      if (signedWith !== null && signedWith !== options.officeKey.id) throw refuse(NOT_THIS_OFFICES_KEY);
      const office = await verifyAuditChain(target);
      if (!office.ok)
        throw refuse(
          `the office database's audit trail does not check out. ${office.problem} Nothing is added to a trail that does not check out.`,
        );
      const here = await verifyAuditChain(source);
      if (!here.ok)
        throw refuse(
          `this computer's audit trail does not check out. ${here.problem} Check it in Settings, Audit trail, first.`,
        );
      const unknown = unknownTables(await sqliteTables(source));
      if (unknown.length > 0)
        throw refuse(`this VerifyDesk does not know where these tables belong: ${unknown.join(', ')}.`);

      const stamp = options.now().toISOString();
      // Where each of this computer's rows went, from earlier merges and this one.
      const maps = new Map<string, Map<string, string>>();
      const mapOf = (kind: string) => {
        let m = maps.get(kind);
        if (!m) maps.set(kind, (m = new Map()));
        return m;
      };
      const earlier = await target.q
        .selectFrom('merged_rows')
        .select(['kind', 'old_id', 'new_id'])
        .where('source', '=', sourceName)
        .execute();
      for (const r of earlier) mapOf(r.kind).set(r.old_id, r.new_id);
      const idFor = (table: IdTable, id: number) => {
        const to = maps.get(table)?.get(String(id));
        return to === undefined ? undefined : Number(to);
      };

      const patientMatch = await matchPatients(
        source,
        target,
        new Map([...mapOf('patients')].map(([o, n]) => [Number(o), Number(n)])),
        options.decisions,
      );

      const counts: MergeResult['counts'] = {};
      const completedCalls: number[] = [];
      for (const table of COPIED_TABLES) {
        if (NOT_CARRIED.has(table)) continue;
        const columns = await sqliteColumns(source, table);
        const before = await countRows(target, table === 'audit_log' ? 'merged_audit_log' : table);
        const tally = { here: 0, matched: 0, added: 0 };
        for await (const rows of pagesOf(source, table, columns)) {
          tally.here += rows.length;
          if (table === 'audit_log' || table === 'merged_audit_log') {
            const added = await keepTrail(target, table === 'audit_log' ? sourceName : null, rows);
            tally.added += added;
            tally.matched += rows.length - added;
            continue;
          }
          const rewritten = rows.map((row) => rewrite(table, row, idFor));
          if (table in KEYED) {
            const inserted = await anyQ(target)
              .insertInto(table)
              .values(rewritten)
              .onConflict((oc) => oc.columns(KEYED[table]! as never[]).doNothing())
              .returningAll()
              .execute();
            tally.added += inserted.length;
            tally.matched += rows.length - inserted.length;
            if (table === 'todo_marks')
              rows.forEach((r, i) => mapOf(table).set(String(r.item_key), String(rewritten[i]!.item_key)));
            continue;
          }
          const idTable = table as IdTable;
          const found = await matchRows(target, idTable, rows, rewritten, {
            patientMatch,
            already: mapOf(table),
            stamp,
            computer: options.computer,
          });
          const fresh = rewritten.filter((_, i) => found[i] === undefined);
          const ids = await newIds(target, table, fresh.length);
          let next = 0;
          const pending: Row[] = [];
          const mergedRows: Row[] = [];
          rows.forEach((row, i) => {
            const old = String(row.id);
            let to = found[i];
            if (to === undefined) {
              to = ids[next++]!;
              const insert: Row = { ...rewritten[i]!, id: to };
              if (table === 'calls' && insert.status === 'completed') {
                completedCalls.push(to);
                insert.status = 'in_progress';
              }
              // medical_call_of may point to a call of this same page: map it as rows are assigned.
              pending.push(insert);
            } else tally.matched++;
            if (!mapOf(table).has(old))
              mergedRows.push({
                source: sourceName,
                kind: table,
                old_id: old,
                new_id: String(to),
                merged_at: stamp,
              });
            mapOf(table).set(old, String(to));
          });
          if (table === 'calls')
            for (const row of pending)
              if (typeof row.medical_call_of === 'string') {
                const dental = idFor('calls', Number(row.medical_call_of.slice(1)));
                if (dental === undefined)
                  throw refuse(
                    `a medical call on this computer refers to call ${row.medical_call_of.slice(1)}, which is not there.`,
                  );
                row.medical_call_of = dental;
              }
          await insertRows(target, table, pending);
          await insertRows(target, 'merged_rows', mergedRows);
          tally.added += pending.length;
        }
        if (table === 'call_answers' && completedCalls.length > 0)
          await sql`UPDATE calls SET status = 'completed' WHERE id = ANY(${completedCalls})`.execute(
            target.q,
          );
        counts[table] = tally;
        // Rows added = rows on this computer less those the office had already.
        const after = await countRows(target, table === 'audit_log' ? 'merged_audit_log' : table);
        if (after - before !== tally.added || tally.here - tally.matched !== tally.added)
          throw refuse(
            `the rows added to ${table.replace(/_/g, ' ')} on the server (${after - before}) are not this computer's less those the office had (${tally.here} - ${tally.matched}). The office database was left as it was.`,
          );
        await options.afterTable?.(table);
      }
      await fixLastVerifications(target, completedCalls);

      // Every row of this computer with an id can be found through merged_rows.
      for (const table of ID_TABLES) {
        const recorded = await target.q
          .selectFrom('merged_rows')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('source', '=', sourceName)
          .where('kind', '=', table)
          .executeTakeFirstOrThrow();
        if (Number(recorded.n) !== counts[table]!.here)
          throw refuse(
            `${counts[table]!.here} rows of ${table.replace(/_/g, ' ')} on this computer, but ${Number(recorded.n)} recorded as merged. The office database was left as it was.`,
          );
      }

      const mergedTrailHead = here.head?.hash ?? null;
      const officeUser = options.who ? idFor('users', options.who.id) : undefined;
      const whoThere =
        options.who && officeUser !== undefined
          ? { id: officeUser, displayName: options.who.displayName }
          : null;
      const summary = Object.fromEntries(Object.entries(counts).map(([t, c]) => [t, c.added]));
      await recordAudit(
        target,
        {
          // This computer's administrator, by the office's id for the same user (ids differ there).
          who: whoThere,
          otherwise: options.who?.displayName,
          action: 'import',
          entity: 'office_database',
          detail: { merged: options.computer, source: sourceName, counts: summary, mergedTrailHead },
        },
        options.now(),
      );
      const after = await verifyAuditChain(target);
      if (!after.ok)
        throw refuse(
          `the office audit trail does not check out after the merge. ${after.problem} The office database was left as it was.`,
        );
      return {
        counts,
        source: sourceName,
        mergedTrailHead,
        computer: options.computer,
        message: describeMerge(counts, target.where),
      };
    }),
  );
}

/** A row with its references rewritten to the office's ids (and no id of its own yet). */
function rewrite(
  table: CopiedTable,
  row: Row,
  idFor: (table: IdTable, id: number) => number | undefined,
): Row {
  const out: Row = { ...row };
  delete out.id;
  for (const [column, to] of Object.entries(REFS[table] ?? {})) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    const mapped = idFor(to as IdTable, Number(value));
    if (mapped === undefined) {
      // A call pointing to a call of the same page is mapped once that one has its id (marked here).
      if (table === 'calls' && column === 'medical_call_of') {
        out[column] = `#${String(value)}`;
        continue;
      }
      throw refuse(
        `a row of ${table.replace(/_/g, ' ')} on this computer refers to ${to.replace(/_/g, ' ')} ${String(value)}, which is not there. Nothing can be attached to it.`,
      );
    }
    out[column] = mapped;
  }
  if (table === 'todo_marks' || table === 'todo_events')
    out.item_key = rewriteItemKey(String(row.item_key), idFor);
  return out;
}

/** The office's id for each row it has already (undefined: a new row). Coverages may be inserted removed. */
async function matchRows(
  target: AppDb,
  table: IdTable,
  rows: readonly Row[],
  rewritten: Row[],
  ctx: {
    patientMatch: ReadonlyMap<number, number | null>;
    already: ReadonlyMap<string, string>;
    stamp: string;
    computer: string;
  },
): Promise<(number | undefined)[]> {
  const found: (number | undefined)[] = rows.map((r) => {
    const to = ctx.already.get(String(r.id));
    return to === undefined ? undefined : Number(to);
  });
  const open = (i: number) => found[i] === undefined;
  const lookup = async (column: string, values: unknown[], fold = (v: unknown) => String(v)) => {
    if (values.length === 0) return new Map<string, number>();
    const { rows: hits } = await sql<{ k: string; id: number }>`
      SELECT ${sql.ref(column)} AS k, id FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ANY(${values})`.execute(
      target.q,
    );
    return new Map(hits.map((h) => [fold(h.k), Number(h.id)]));
  };
  if (table === 'patients') {
    rows.forEach((r, i) => {
      if (open(i)) found[i] = ctx.patientMatch.get(Number(r.id)) ?? undefined;
    });
  } else if (table === 'users' || table === 'payers') {
    // One username is one person in the office: the office's user (name, role, password) stays.
    const column = table === 'users' ? 'username' : 'name';
    const { rows: hits } = await sql<{ k: string; id: number }>`
      SELECT lower(${sql.ref(column)}) AS k, id FROM ${sql.table(table)}`.execute(target.q);
    const byName = new Map(hits.map((h) => [h.k, Number(h.id)]));
    rows.forEach((r, i) => {
      if (open(i)) found[i] = byName.get(String(r[column]).toLowerCase());
    });
  } else if (table === 'plans') {
    const all = await target.q
      .selectFrom('plans')
      .select(['id', 'payer_id', 'name', 'group_number'])
      .execute();
    const key = (p: Row) =>
      `${String(p.payer_id)}|${foldName(String(p.name))}|${foldMemberId(String(p.group_number ?? ''))}`;
    const byKey = new Map(all.map((p) => [key(p), Number(p.id)]));
    rewritten.forEach((p, i) => {
      if (open(i)) found[i] = byKey.get(key(p));
    });
  } else if (table === 'observations' || table === 'eligibility_files') {
    const column = table === 'observations' ? 'uid' : 'sha256';
    const hits = await lookup(
      column,
      rows.filter((_, i) => open(i)).map((r) => r[column]),
    );
    rows.forEach((r, i) => {
      if (open(i)) found[i] = hits.get(String(r[column]));
    });
  } else if (table === 'coverages') {
    for (const [i, c] of rewritten.entries()) {
      if (!open(i)) continue;
      const office = await target.q
        .selectFrom('coverages')
        .select(['id', 'plan_id', 'ordinal', 'member_id', 'removed_at'])
        .where('patient_id', '=', Number(c.patient_id))
        .execute();
      const same = office.find(
        (o) =>
          Number(o.plan_id) === Number(c.plan_id) &&
          foldMemberId(o.member_id) === foldMemberId(String(c.member_id)),
      );
      if (same) found[i] = Number(same.id);
      else if (
        c.removed_at === null &&
        office.some((o) => o.removed_at === null && Number(o.ordinal) === Number(c.ordinal))
      ) {
        // The office's coverage in that place is the one on file; this computer's is kept as history.
        c.removed_at = ctx.stamp;
        c.removed_by = `merged from ${ctx.computer}`;
      }
    }
  }
  return found;
}

/**
 * This computer's trail (or the trails merged into it before) kept verbatim in merged_audit_log; an entry
 * already kept must be the same entry. Returns how many were added.
 */
async function keepTrail(target: AppDb, sourceName: string | null, rows: readonly Row[]): Promise<number> {
  const entries = rows.map((r) => ({
    source: sourceName ?? r.source,
    id: r.id,
    ts_utc: r.ts_utc,
    user_id: r.user_id,
    user_name: r.user_name,
    action: r.action,
    entity: r.entity,
    entity_id: r.entity_id,
    detail_json: r.detail_json,
    prev_hash: r.prev_hash,
    hash: r.hash,
    mac_key: r.mac_key,
  }));
  const kept = await sql<{ source: string; id: number; hash: string }>`
    SELECT source, id, hash FROM merged_audit_log
    WHERE (source, id) IN (SELECT * FROM unnest(${entries.map((e) => e.source)}::text[], ${entries.map((e) => Number(e.id))}::int[]))`.execute(
    target.q,
  );
  const byKey = new Map(kept.rows.map((k) => [`${k.source}|${k.id}`, k.hash]));
  const fresh = entries.filter((e) => {
    const hash = byKey.get(`${String(e.source)}|${Number(e.id)}`);
    if (hash !== undefined && hash !== e.hash)
      throw refuse(
        `entry ${Number(e.id)} of the audit trail kept for ${String(e.source)} differs from this computer's: the trail was changed after it was merged.`,
      );
    return hash === undefined;
  });
  await insertRows(target, 'merged_audit_log', fresh);
  return fresh.length;
}

/** The last completed call per patient and plan, by when it ended, where merged calls came in. */
async function fixLastVerifications(target: AppDb, calls: readonly number[]): Promise<void> {
  if (calls.length === 0) return;
  await sql`
    INSERT INTO last_verifications (patient_id, plan_id, call_id, ended_at, reverify_date)
    SELECT DISTINCT ON (c.patient_id, c.plan_id) c.patient_id, c.plan_id, c.id, c.ended_at, c.reverify_date
    FROM calls c
    JOIN (SELECT DISTINCT patient_id, plan_id FROM calls WHERE id = ANY(${[...calls]})) t
      ON t.patient_id = c.patient_id AND t.plan_id = c.plan_id
    WHERE c.status = 'completed' AND c.ended_at IS NOT NULL
    ORDER BY c.patient_id, c.plan_id, c.ended_at DESC, c.id DESC
    ON CONFLICT (patient_id, plan_id) DO UPDATE
      SET call_id = excluded.call_id, ended_at = excluded.ended_at, reverify_date = excluded.reverify_date`.execute(
    target.q,
  );
}

function describeMerge(counts: MergeResult['counts'], where: string): string {
  const named = ['users', 'patients', 'payers', 'plans', 'calls', 'prior_auths', 'observations'];
  const part = (t: string) => {
    const c = counts[t] ?? { here: 0, matched: 0, added: 0 };
    // "1 new patient (1 already there)", "no new users (1 already there)".
    const added =
      c.added === 0
        ? `no new ${countWords(t, 2).replace(/^2 /, '')}`
        : countWords(t, c.added).replace(/^(\d+) /, '$1 new ');
    return `${added}${c.matched > 0 ? ` (${c.matched} already there)` : ''}`;
  };
  const trail = counts.audit_log?.added ?? 0;
  return `Merged this computer's data into ${where}: ${named.map(part).join(', ')}. This computer's audit trail (${countWords('audit_log', trail)} added) is kept there as it was, and the office's trail checks out.`;
}

/**
 * The merge as Settings runs it: with the settings an administrator typed (nothing kept), every failure
 * in plain words starting "Nothing was merged" (DoubtfulPatients as it is: it carries the pairs).
 */
export async function mergeIntoOfficeDatabase(
  source: AppDb,
  settings: OfficeDatabaseSettings,
  options: MergeOptions,
): Promise<MergeResult> {
  if (source.engine !== 'sqlite')
    throw refuse("this computer already uses an office database; only a computer's own file can be merged.");
  try {
    return await withServer(
      settings,
      (target) => mergeIntoOffice(source, target, options),
      'VerifyDesk merge',
    );
  } catch (error) {
    throw inPlainWords(error, settings, 'merged');
  }
}
