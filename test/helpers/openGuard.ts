// For dispatch tests about the sender check and validation: a guard that lets every call through and
// records nothing. The real guard (session, roles, audit) has its own tests.
import type { Guard } from '../../src/main/ipc/guard';

export const OPEN_GUARD: Guard = {
  authorize: async () => undefined,
  run: async (_channel, _input, handler) => handler(),
};
