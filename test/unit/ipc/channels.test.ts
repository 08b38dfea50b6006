import { describe, expect, it } from 'vitest';
import { CHANNELS, methodName } from '../../../src/shared/ipc/channels';
import { contract } from '../../../src/shared/ipc/contract';

describe('channel list and contract', () => {
  it('the contract defines exactly the channels in the list', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
  });

  it('channel names follow domain:verb and are unique', () => {
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z0-9]*$/);
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('maps channels to window.api function names, one name per channel', () => {
    expect(methodName('settings:update')).toBe('settingsUpdate');
    expect(methodName('app:info')).toBe('appInfo');
    expect(new Set(CHANNELS.map(methodName)).size).toBe(CHANNELS.length);
  });

  it('every input schema refuses unknown keys', () => {
    for (const channel of CHANNELS) {
      const result = contract[channel].input.safeParse({ unexpectedKey: 1 });
      expect(result.success, channel).toBe(false);
    }
  });
});
