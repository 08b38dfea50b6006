// Stands in for the OS's protected storage in tests: a reversible transform (never the plain secret),
// with a switch for "the OS asks for a re-wrap".
import type { KeyProtector } from '../../src/main/security/dbKey';

export function fakeKeyProtector(options: { unavailable?: string; rewrapOnce?: boolean } = {}) {
  let rewrap = options.rewrapOnce ?? false;
  const calls = { wrap: 0, unwrap: 0 };
  const protector: KeyProtector = {
    unavailableReason: async () => options.unavailable ?? null,
    async wrap(secret) {
      calls.wrap++;
      return Buffer.from(`fake:${Buffer.from(secret).reverse().toString('base64')}`);
    },
    async unwrap(wrapped) {
      calls.unwrap++;
      const text = wrapped.toString();
      if (!text.startsWith('fake:')) throw new Error('not wrapped by this protector');
      const shouldRewrap = rewrap;
      rewrap = false;
      return { secret: Buffer.from(text.slice(5), 'base64').reverse().toString(), shouldRewrap };
    },
  };
  return { protector, calls };
}
