// What stands between a validated request and its handler: the session check (signed in, unlocked, the
// right role) and the audit row, written in the same transaction as the change it records.
import type { Channel } from '../../shared/ipc/channels';
import { appendAudit } from '../audit/auditLog';
import type { SessionService } from '../auth/sessionService';
import type { AppDb } from '../db/appDb';
import { CHANNEL_POLICY, type AuditAction, type ChannelPolicy } from './channelPolicy';

export interface Guard {
  /** Throws AppError 'locked' or 'forbidden' when the current session may not use the channel. */
  authorize(channel: Channel): Promise<void>;
  /** Runs the handler and records it. */
  run(channel: Channel, input: unknown, handler: () => unknown): Promise<unknown>;
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

export function createGuard(deps: { db: AppDb; now: () => Date; session: SessionService }): Guard {
  const { db, now, session } = deps;
  const record = async (policy: ChannelPolicy, channel: Channel, input: unknown, output: unknown) => {
    if (!policy.audit) return;
    await appendAudit(
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
    async authorize(channel) {
      const { access } = CHANNEL_POLICY[channel];
      await session.authorize(access);
      if (access !== 'open') session.touch();
    },
    async run(channel, input, handler) {
      const policy = CHANNEL_POLICY[channel];
      if (!policy.audit) return handler();
      // Printing and saving files take a window or a dialog and change no rows: recorded once they succeed.
      if (policy.audit.action === 'print' || policy.audit.action === 'export') {
        const output = await handler();
        await db.tx(() => record(policy, channel, input, output));
        return output;
      }
      // Everything else: the change and its audit row commit together or not at all, on either engine.
      return db.tx(async () => {
        const output = await handler();
        await record(policy, channel, input, output);
        return output;
      });
    },
  };
}
