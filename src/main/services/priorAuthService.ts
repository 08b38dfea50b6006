// The prior-authorization tracker: items come from calls that found "PA required"; the desk moves them
// through submission to a decision. Each change is one transaction with its history event.
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import { paFlags, type PriorAuth, type PriorAuthPatch } from '../../shared/priorAuth/priorAuthViews';
import type { Db } from '../db/connection';
import * as repo from '../db/repositories/priorAuthRepo';

export interface PriorAuthService {
  worklist(): PriorAuth[];
  update(id: number, patch: PriorAuthPatch): PriorAuth;
}

export function createPriorAuthService(deps: {
  db: Db;
  now: () => Date;
  actor: () => string;
}): PriorAuthService {
  const { db, now, actor } = deps;
  const withFlags = (row: repo.PriorAuthRow): PriorAuth => ({
    ...row,
    flags: paFlags(row, localDate(now())),
  });

  return {
    worklist: () => repo.listWorklist(db, localDate(now()), 500).map(withFlags),

    update(id, patch) {
      const current = repo.getPriorAuth(db, id);
      if (!current) throw new AppError('not_found', 'That prior authorization does not exist.');
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
      db.transaction(() => {
        repo.updatePriorAuth(db, id, patch, at);
        if (patch.status !== current.status) repo.insertEvent(db, id, at, actor(), patch.status, null);
      })();
      return withFlags(repo.getPriorAuth(db, id)!);
    },
  };
}
