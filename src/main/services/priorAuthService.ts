// The prior-authorization tracker: items come from calls that found "PA required"; the desk moves them
// through submission to a decision. Each change is one transaction with its history event, and is made
// only from the item as it is now: an edit from an older copy (another desk changed it meanwhile) is
// refused with who changed it and when, never written over their change.
import { localDate } from '../../shared/dates/localDate';
import { formatDate } from '../../shared/dates/typedDate';
import { AppError } from '../../shared/ipc/result';
import {
  paFlags,
  type PriorAuth,
  type PriorAuthEvent,
  type PriorAuthPatch,
} from '../../shared/priorAuth/priorAuthViews';
import type { AppDb } from '../db/appDb';
import * as repo from '../db/repositories/priorAuthRepo';

export interface PriorAuthService {
  worklist(): Promise<PriorAuth[]>;
  /** `version`: the item's version the person edited (the worklist's); omitted, the version now. */
  update(id: number, patch: PriorAuthPatch, version?: number): Promise<PriorAuth>;
  /** The item's history, oldest first. */
  history(id: number): Promise<PriorAuthEvent[]>;
}

/** "Dana changed this prior authorization at 10:42 AM on 12/06/2026" for a refused edit. */
export function changedByMessage(what: string, row: { updatedBy: string | null; updatedAt: string }): string {
  const at = new Date(row.updatedAt);
  const time = at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
  return `${row.updatedBy ?? 'Someone'} changed this ${what} at ${time} on ${formatDate(localDate(at))}, after you opened it. Nothing was saved: the list now shows their change; make yours again if it still applies.`;
}

export function createPriorAuthService(deps: {
  db: AppDb;
  now: () => Date;
  actor: () => string;
}): PriorAuthService {
  const { db, now, actor } = deps;
  const withFlags = ({ updatedBy: _by, ...row }: repo.PriorAuthRow): PriorAuth => ({
    ...row,
    flags: paFlags(row, localDate(now())),
  });

  return {
    worklist: async () => (await repo.listWorklist(db, localDate(now()), 500)).map(withFlags),

    async update(id, patch, version) {
      if (patch.status !== 'to_submit' && !patch.submittedOn)
        throw new AppError('validation', 'Add the date the request was submitted.', 'submittedOn');
      if (patch.status === 'approved') {
        if (!patch.authNumber)
          throw new AppError('validation', 'An approval needs its authorization number.', 'authNumber');
        if (!patch.validTo)
          throw new AppError('validation', 'Add the last date the approval is valid.', 'validTo');
      }
      if (patch.validFrom && patch.validTo && patch.validFrom > patch.validTo)
        throw new AppError('validation', 'The approval cannot end before it starts.', 'validTo');
      const at = now().toISOString();
      await db.tx(async () => {
        const current = await repo.getPriorAuth(db, id);
        if (!current) throw new AppError('not_found', 'That prior authorization does not exist.');
        const expected = version ?? current.version;
        const refused = () => new AppError('conflict', changedByMessage('prior authorization', current));
        if (current.version !== expected) throw refused();
        // Checked again by the write itself: a desk that read the same version a moment ago loses here.
        if (!(await repo.updatePriorAuth(db, id, patch, at, actor(), expected))) {
          const now = await repo.getPriorAuth(db, id);
          throw new AppError('conflict', changedByMessage('prior authorization', now ?? current));
        }
        if (patch.status !== current.status) await repo.insertEvent(db, id, at, actor(), patch.status, null);
      });
      return withFlags((await repo.getPriorAuth(db, id))!);
    },

    async history(id) {
      if (!(await repo.getPriorAuth(db, id)))
        throw new AppError('not_found', 'That prior authorization does not exist.');
      return repo.listEvents(db, id);
    },
  };
}
