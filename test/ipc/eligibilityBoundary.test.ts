// The eligibility import at the IPC boundary: a file over 5 MB (a 20 MB batch) is refused by main's
// validation with words a person can act on, before any handler reads it; the other limits likewise.
import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type HandlerMap } from '../../src/main/ipc/dispatch';
import type { Guard } from '../../src/main/ipc/guard';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';

function dispatcher() {
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [c, vi.fn(() => ({ files: [] }))]),
  ) as unknown as HandlerMap;
  const guard: Guard = { authorize: async () => undefined, run: async (_c, _i, handler) => handler() };
  const dispatch = createDispatch({
    handlers,
    guard,
    isTrustedSender: () => true,
    checkOutputs: false,
    reportError: () => undefined,
  });
  return { dispatch, handlers };
}

const file = (bytes: number, over: Record<string, unknown> = {}) => ({
  fileName: 'batch.271',
  contentBase64: Buffer.alloc(bytes, 'A').toString('base64'),
  coinsurance: 'payer_setting',
  ...over,
});

describe('eligibility files at the boundary', () => {
  it('a 20 MB file is refused with its reason; the handler never runs', async () => {
    const { dispatch, handlers } = dispatcher();
    const result = await dispatch(MAIN_WINDOW_SENDER, 'eligibility:preview', {
      files: [file(20 * 1024 * 1024)],
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation',
        field: 'files.0.contentBase64',
        message:
          'An eligibility file is at most 5 MB. Ask the clearinghouse for smaller batches, or split the file by day.',
      },
    });
    expect(handlers['eligibility:preview']).not.toHaveBeenCalled();
  });

  it('a file of 5 MB reaches the reader; more than 10 MB at once, 21 files, or no file do not', async () => {
    const { dispatch, handlers } = dispatcher();
    expect(
      (await dispatch(MAIN_WINDOW_SENDER, 'eligibility:preview', { files: [file(5 * 1024 * 1024)] })).ok,
    ).toBe(true);
    expect(handlers['eligibility:preview']).toHaveBeenCalledTimes(1);
    const three = [file(4 * 1024 * 1024), file(4 * 1024 * 1024), file(4 * 1024 * 1024)];
    const tooMuch = await dispatch(MAIN_WINDOW_SENDER, 'eligibility:preview', { files: three });
    expect(tooMuch.ok ? null : tooMuch.error.message).toBe('Import at most 10 MB of files at a time.');
    const many = await dispatch(MAIN_WINDOW_SENDER, 'eligibility:preview', {
      files: Array.from({ length: 21 }, () => file(10)),
    });
    expect(many.ok ? null : many.error.message).toBe('Import at most 20 files at a time.');
    const none = await dispatch(MAIN_WINDOW_SENDER, 'eligibility:import', { files: [], confirm: ['x'] });
    expect(none.ok ? null : none.error.message).toBe('Choose at least one file.');
    expect(handlers['eligibility:import']).not.toHaveBeenCalled();
  });

  it('only plain fields: an unknown field, a wrong coinsurance reading or non-base64 content are refused', async () => {
    const { dispatch } = dispatcher();
    for (const bad of [
      { files: [file(10, { path: '/etc/passwd' })] },
      { files: [file(10, { coinsurance: 'guess' })] },
      { files: [file(10, { contentBase64: 'not base64 at all!' })] },
      { files: [file(10)], extra: true },
    ]) {
      const result = await dispatch(MAIN_WINDOW_SENDER, 'eligibility:preview', bad);
      expect(result.ok ? 'ok' : result.error.code).toBe('validation');
    }
  });
});
