// What stands between a validated request and its handler: the session check (signed in, unlocked, the
// right role) and the audit row, written in the same transaction as the change it records.
import type { Channel } from '../../shared/ipc/channels';
import { appendAudit } from '../audit/auditLog';
import type { SessionService } from '../auth/sessionService';
import type { Db } from '../db/connection';
import { CHANNEL_POLICY, type AuditAction, type ChannelPolicy } from './channelPolicy';

export interface Guard {
  /** Throws AppError 'locked' or 'forbidden' when the current session may not use the channel. */
  authorize(channel: Channel): void;
  /** Runs the handler and records it. */
  run(channel: Channel, input: unknown, handler: () => unknown): unknown;
}

const idOf = (value: unknown, field = 'id'): number | null => {
  const id = (value as Record<string, unknown> | null)?.[field];
  return typeof id === 'number' ? id : null;
};

function resolveAction(action: AuditAction, input: unknown): Exclude<AuditAction, 'save'> {
  if (action !== 'save') return action;
  return idOf(input) === null ? 'create' : 'change';
}

/** Field names and counts, never values: the audit trail must hold no patient details. */
function detailOf(action: AuditAction, input: unknown, output: unknown): Record<string, unknown> {
  if (action === 'search') return { results: Array.isArray(output) ? output.length : null };
  const fields =
    input && typeof input === 'object' ? Object.keys(input).filter((k) => k !== 'id') : ([] as string[]);
  return fields.length > 0 ? { fields } : {};
}

export function createGuard(deps: { db: Db; now: () => Date; session: SessionService }): Guard {
  const { db, now, session } = deps;
  const record = (policy: ChannelPolicy, channel: Channel, input: unknown, output: unknown) => {
    if (!policy.audit) return;
    appendAudit(
      db,
      {
        who: session.current(),
        action: resolveAction(policy.audit.action, input),
        entity: policy.audit.entity,
        entityId: idOf(input, policy.audit.idField) ?? idOf(output),
        detail: { channel, ...detailOf(policy.audit.action, input, output) },
      },
      now(),
    );
  };
  return {
    authorize(channel) {
      const { access } = CHANNEL_POLICY[channel];
      session.authorize(access);
      if (access !== 'open') session.touch();
    },
    run(channel, input, handler) {
      const policy = CHANNEL_POLICY[channel];
      if (!policy.audit) return handler();
      // Printing and saving files are asynchronous and change no rows: recorded once they succeed.
      if (policy.audit.action === 'print' || policy.audit.action === 'export') {
        return Promise.resolve(handler()).then((output) => {
          db.transaction(() => record(policy, channel, input, output))();
          return output;
        });
      }
      // Everything else is synchronous: the change and its audit row commit together or not at all.
      return db.transaction(() => {
        const output = handler();
        if (output instanceof Promise)
          throw new Error(`${channel} is asynchronous; its audit row cannot share its transaction.`);
        record(policy, channel, input, output);
        return output;
      })();
    },
  };
}
