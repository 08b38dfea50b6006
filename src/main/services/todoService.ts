// The one to-do list, built from the records the work comes from: the next step of every finished call
// (a call-back for a dropped one), prior authorizations to submit or to chase, and appointments to
// re-verify. A person can take an item (owner), mark it done or snooze it; those marks are versioned, so
// an edit made from an older copy of the list is refused with who changed it, never silently lost.
import { addDays } from '../../shared/dates/calendar';
import { localDate } from '../../shared/dates/localDate';
import { formatDate } from '../../shared/dates/typedDate';
import { AppError } from '../../shared/ipc/result';
import { REVERIFY_LABELS } from '../../shared/worklist/reverify';
import type { TodoItem, TodoUpdate } from '../../shared/worklist/todoViews';
import type { AppDb } from '../db/appDb';
import * as repo from '../db/repositories/todoRepo';
import type { Ledger } from '../ledger/ledger';
import type { ReverifyService } from './reverifyService';

/** How far back an open next step is still listed (older ones are in Records). */
const LOOKBACK_DAYS = 180;
const MAX_ITEMS = 500;
/** A prior authorization should be submitted this many days before the appointment. */
const PA_LEAD_DAYS = 14;
/** An undecided prior authorization is chased when the appointment is this close. */
const PA_CHASE_DAYS = 7;

type Base = Omit<TodoItem, 'owner' | 'doneAt' | 'doneBy' | 'snoozedUntil' | 'version'> & {
  defaultOwner: string | null;
};

export interface TodoService {
  list(options?: { includeDone?: boolean }): Promise<TodoItem[]>;
  update(input: TodoUpdate): Promise<TodoItem>;
}

export function createTodoService(deps: {
  db: AppDb;
  ledger: Ledger;
  now: () => Date;
  actor: () => string;
  reverify: ReverifyService;
}): TodoService {
  const { db, ledger, now, actor, reverify } = deps;

  async function items(): Promise<Base[]> {
    const today = ledger.today();
    const out: Base[] = [];
    for (const c of await repo.listCallSteps(db, addDays(today, -LOOKBACK_DAYS), MAX_ITEMS)) {
      // A call whose next step is submitting its prior authorizations is represented by those items.
      if (c.paItems > 0 && c.nextAction.startsWith('Submit the PA')) continue;
      const planned = JSON.parse(c.plannedJson) as Array<{ code: string; serviceDate: string }>;
      out.push({
        key: `call:${c.callId}`,
        kind: c.status === 'partial' ? 'call_back' : 'call_next_step',
        title: c.nextAction,
        detail: `From the verification call #${c.callId}${c.status === 'partial' ? ', which dropped' : ''}.`,
        due: c.nextActionDue,
        patientId: c.patientId,
        patientName: c.patientName,
        planId: c.planId,
        payerName: c.payerName,
        codes: [...new Set(planned.map((p) => p.code))],
        serviceDate: planned.map((p) => p.serviceDate).sort()[0] ?? null,
        callId: c.callId,
        priorAuthId: null,
        canVerify: c.status === 'partial',
        defaultOwner: c.staffUser,
      });
    }
    for (const pa of await repo.listOpenPriorAuths(db, MAX_ITEMS)) {
      const common = {
        patientId: pa.patientId,
        patientName: pa.patientName,
        planId: pa.planId,
        payerName: pa.payerName,
        codes: [pa.code],
        serviceDate: pa.serviceDate,
        callId: pa.callId,
        priorAuthId: pa.id,
        canVerify: false,
        defaultOwner: pa.staffUser,
      };
      if (pa.status === 'to_submit') {
        const created = localDate(new Date(pa.createdAt));
        const latestUseful = addDays(pa.serviceDate, -PA_LEAD_DAYS);
        const soon = addDays(created, 2);
        out.push({
          ...common,
          key: `pa:${pa.id}:submit`,
          kind: 'pa_submit',
          title: `Submit the PA for ${pa.code}${pa.method ? ` (${pa.method})` : ''}`,
          detail: `Appointment ${formatDate(pa.serviceDate)}.`,
          due: latestUseful < created ? created : latestUseful < soon ? latestUseful : soon,
        });
        continue;
      }
      const overdue = pa.decisionExpectedOn !== null && pa.decisionExpectedOn < today;
      const close = addDays(today, PA_CHASE_DAYS) >= pa.serviceDate;
      if (!overdue && !close) continue;
      out.push({
        ...common,
        key: `pa:${pa.id}:decision`,
        kind: 'pa_decision',
        title: overdue
          ? `Ask for the PA decision on ${pa.code}: it was expected ${formatDate(pa.decisionExpectedOn!)}`
          : `No PA decision yet on ${pa.code}, and the appointment is ${formatDate(pa.serviceDate)}`,
        detail: 'Call the payer (or check the portal) for the decision.',
        due: overdue
          ? pa.decisionExpectedOn!
          : addDays(pa.serviceDate, -3) < today
            ? today
            : addDays(pa.serviceDate, -3),
      });
    }
    for (const r of await reverify.worklist()) {
      const due = addDays(r.serviceDate, -7);
      out.push({
        key: `reverify:${r.patientId}:${r.planId}:${r.serviceDate}`,
        kind: 'reverify',
        title: `Verify benefits before the ${formatDate(r.serviceDate)} appointment`,
        detail: r.reasons.map((reason) => REVERIFY_LABELS[reason]).join('; '),
        due: due < today ? today : due,
        patientId: r.patientId,
        patientName: r.patientName,
        planId: r.planId,
        payerName: r.payerName,
        codes: r.codes,
        serviceDate: r.serviceDate,
        callId: null,
        priorAuthId: null,
        canVerify: true,
        defaultOwner: null,
      });
    }
    return out;
  }

  async function withMarks(list: Base[]): Promise<TodoItem[]> {
    const marks = await repo.getMarks(
      db,
      list.map((i) => i.key),
    );
    return list.map(({ defaultOwner, ...item }) => {
      const mark = marks.get(item.key);
      return {
        ...item,
        owner: mark ? mark.owner : defaultOwner,
        doneAt: mark?.doneAt ?? null,
        doneBy: mark?.doneBy ?? null,
        snoozedUntil: mark?.snoozedUntil ?? null,
        version: mark?.version ?? 0,
      };
    });
  }

  async function all(): Promise<TodoItem[]> {
    return (await withMarks(await items())).sort(
      (a, b) =>
        a.due.localeCompare(b.due) ||
        a.patientName.localeCompare(b.patientName) ||
        a.key.localeCompare(b.key),
    );
  }

  return {
    async list({ includeDone = false } = {}) {
      const today = ledger.today();
      return (await all()).filter(
        (i) => includeDone || (i.doneAt === null && (i.snoozedUntil === null || i.snoozedUntil <= today)),
      );
    },

    async update(input) {
      const item = (await all()).find((i) => i.key === input.key);
      if (!item) throw new AppError('not_found', 'That to-do is no longer on the list.');
      const current = (await repo.getMarks(db, [input.key])).get(input.key);
      if ((current?.version ?? 0) !== input.version) {
        throw new AppError(
          'conflict',
          `${current?.updatedBy ?? 'Someone'} changed this to-do at ${current ? new Date(current.updatedAt).toLocaleTimeString('en-US') : 'the same time'}; the list shows their change now.`,
        );
      }
      if (input.snoozedUntil && input.snoozedUntil <= ledger.today())
        throw new AppError('validation', 'Snooze until a day after today.', 'snoozedUntil');
      const at = now().toISOString();
      const by = actor();
      const owner = input.owner === undefined ? item.owner : input.owner;
      const done = input.done === undefined ? item.doneAt !== null : input.done;
      const snoozedUntil = input.snoozedUntil === undefined ? item.snoozedUntil : input.snoozedUntil;
      const changes: string[] = [];
      if (owner !== item.owner) changes.push(owner ? `owner set to ${owner}` : 'owner cleared');
      if (done !== (item.doneAt !== null)) changes.push(done ? 'marked done' : 'reopened');
      if (snoozedUntil !== item.snoozedUntil)
        changes.push(snoozedUntil ? `snoozed until ${formatDate(snoozedUntil)}` : 'snooze ended');
      await db.tx(async () => {
        const written = await repo.writeMark(
          db,
          {
            key: input.key,
            owner,
            doneAt: done ? (item.doneAt ?? at) : null,
            doneBy: done ? (item.doneBy ?? by) : null,
            snoozedUntil,
            updatedAt: at,
            updatedBy: by,
          },
          input.version,
        );
        if (!written)
          throw new AppError('conflict', 'Someone changed this to-do at the same time; try again.');
        await repo.insertTodoEvent(db, input.key, at, by, changes.join('; ') || 'saved unchanged');
      });
      return (await all()).find((i) => i.key === input.key)!;
    },
  };
}
