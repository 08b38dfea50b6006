// The one way knowledge enters VerifyDesk: a statement about a subject, checked against the field list,
// stamped with who, when, which computer and its source, and appended. Nothing here updates or deletes;
// a correction is a newer statement, a mistake is withdrawn by a statement that says so.
import { randomBytes } from 'node:crypto';
import { localDate } from '../../shared/dates/localDate';
import { byNewest, deriveField, sameValue, type DerivedField } from '../../shared/ledger/derive';
import { fieldSpec, observationProblem } from '../../shared/ledger/fields';
import type { Observation, ObservationSource, Subject } from '../../shared/ledger/ledgerTypes';
import { AppError } from '../../shared/ipc/result';
import type { AppDb } from '../db/appDb';
import * as repo from './ledgerRepo';

/** Where a statement comes from. */
export interface SourceInput {
  source: ObservationSource;
  callId?: number | null;
  repName?: string | null;
  referenceNumber?: string | null;
  sourceDetail?: string | null;
  /** The day the statement was made, when it was not today (a "stated on" date, a file's date). */
  observedOn?: string;
  /** When it was said, when not now (a call's answer, recorded as the call ends). */
  at?: string;
}

export interface Statement {
  code?: string;
  field: string;
  value: unknown;
}

/** Re-verify windows in days: plan answers, and a patient's eligibility answers. */
export interface Windows {
  plan: number;
  eligibility: number;
}

export interface LedgerDeps {
  db: AppDb;
  now: () => Date;
  actor: () => string;
  /** This computer's name, recorded with every statement. */
  workstation: string;
  windows: () => Windows;
}

let lastMs = -1;
let counter = 0;

/**
 * A UUID version 7: the statement's time first, then a counter for statements in the same millisecond,
 * then random bits. Ids sort in the order statements were made, so "the newest wins" is decided the same
 * way on every computer even when two statements share a timestamp.
 */
export function timeOrderedUid(ms: number): string {
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createLedger({ db, now, actor, workstation, windows }: LedgerDeps) {
  const today = () => localDate(now());

  function windowFor(field: string): number {
    return fieldSpec(field)?.window === 'eligibility' ? windows().eligibility : windows().plan;
  }

  function build(subject: Subject, s: Statement, source: SourceInput, at: string): Observation {
    return {
      uid: timeOrderedUid(Date.parse(at)),
      subject,
      code: s.code ?? '',
      field: s.field,
      value: s.value === undefined ? null : s.value,
      observedOn: source.observedOn ?? localDate(new Date(at)),
      recordedAt: at,
      recordedBy: actor(),
      workstation,
      source: source.source,
      callId: source.callId ?? null,
      repName: source.repName ?? null,
      referenceNumber: source.referenceNumber ?? null,
      sourceDetail: source.sourceDetail ?? null,
      retracts: null,
    };
  }

  function check(o: Observation): void {
    const problem = observationProblem({
      subjectKind: o.subject.kind,
      code: o.code,
      field: o.field,
      value: o.value,
    });
    if (problem) throw new AppError('validation', problem, o.field);
    if (o.observedOn > today())
      throw new AppError('validation', 'A statement cannot be dated in the future.', 'observedOn');
  }

  /** Appends statements about one subject, all or none, in the caller's transaction (or its own). */
  async function record(
    subject: Subject,
    statements: readonly Statement[],
    source: SourceInput,
  ): Promise<Observation[]> {
    const at = source.at ?? now().toISOString();
    const built = statements.map((s) => build(subject, s, source, at));
    built.forEach(check);
    await db.tx(() => repo.insertObservations(db, built));
    return built;
  }

  return {
    workstation,
    windowFor,
    record,

    /** Appends statements exactly as given (a policy pack's, with their own ids); all or none. */
    async append(observations: readonly Observation[]): Promise<void> {
      observations.forEach(check);
      await db.tx(() => repo.insertObservations(db, observations));
    },

    /** Withdraws a statement made in error; the reason is kept with the withdrawal. */
    async retract(uid: string, why: string): Promise<Observation> {
      const target = await repo.getByUid(db, uid);
      if (!target) throw new AppError('not_found', 'That recorded answer does not exist.');
      const withdrawal: Observation = {
        ...build(
          target.subject,
          { code: target.code, field: target.field, value: null },
          { source: 'manual' },
          now().toISOString(),
        ),
        sourceDetail: why,
        retracts: uid,
      };
      await db.tx(() => repo.insertObservations(db, [withdrawal]));
      return withdrawal;
    },

    /**
     * Settles a conflict: a person picks one of the statements, and its value is recorded as their
     * decision (the statements themselves stay as they were).
     */
    async resolve(subject: Subject, field: string, code: string, chosenUid: string): Promise<Observation> {
      const all = await repo.listForField(db, subject, field, code);
      const chosen = all.find((o) => o.uid === chosenUid);
      if (!chosen) throw new AppError('validation', 'Choose one of the answers given.', 'uid');
      const others = all.filter((o) => !sameValue(o.value, chosen.value) && o.value !== null);
      const describe = (o: Observation) =>
        [o.repName ?? o.recordedBy, o.observedOn, o.referenceNumber ? `ref ${o.referenceNumber}` : null]
          .filter(Boolean)
          .join(', ');
      const detail = `Chose the answer of ${describe(chosen)}${
        others.length > 0
          ? ` over ${[...new Set(others.sort(byNewest).slice(0, 3).map(describe))].join('; ')}`
          : ''
      }`;
      const [decision] = await record(subject, [{ code, field, value: chosen.value }], {
        source: 'resolution',
        sourceDetail: detail.slice(0, 500),
      });
      return decision!;
    },

    /** Every statement about a field, newest first (withdrawn ones too: the record shows them). */
    async history(subject: Subject, field: string, code: string): Promise<Observation[]> {
      return (await repo.listForField(db, subject, field, code)).sort(byNewest);
    },

    /** What one field is today. */
    async derive(subject: Subject, field: string, code = ''): Promise<DerivedField> {
      return deriveField(await repo.listForField(db, subject, field, code), {
        today: today(),
        windowDays: windowFor(field),
      });
    },

    /** Every statement about a subject, grouped by field and code ("field|code"). */
    async grouped(subject: Subject): Promise<Map<string, Observation[]>> {
      const groups = new Map<string, Observation[]>();
      for (const o of await repo.listForSubject(db, subject)) {
        const key = `${o.field}|${o.code}`;
        const list = groups.get(key);
        if (list) list.push(o);
        else groups.set(key, [o]);
      }
      return groups;
    },

    today,
  };
}

export type Ledger = ReturnType<typeof createLedger>;
