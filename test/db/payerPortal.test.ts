// SEC-9 through the app: "Open the portal" hands the payer's portal address to the browser only when an
// administrator listed its site; otherwise the person reads which site to ask for, and nothing opens.
import { describe, expect, it } from 'vitest';
import { openSignedInApp } from '../helpers/appDispatch';
import { payerInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';

describe('opening a payer portal', () => {
  const tempDir = useTempDirs();

  it('opens only listed sites, says which site to add, and refuses a payer with no portal', async () => {
    const { send, opened } = await openSignedInApp(tempDir);
    const withPortal = (await send('payers:save', {
      id: null,
      payer: { ...payerInput(), portalUrl: 'https://portal.fictional-dental.example/providers' },
    })) as { value: { id: number } };
    const without = (await send('payers:save', {
      id: null,
      payer: payerInput('Fictional No Portal (sample)'),
    })) as {
      value: { id: number };
    };

    expect(await send('payers:openPortal', { id: withPortal.value.id })).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        message: expect.stringContaining('add https://portal.fictional-dental.example in Settings'),
      },
    });
    expect(opened).toEqual([]);

    // The settings refuse anything but a bare https origin.
    for (const bad of ['http://portal.fictional-dental.example', 'https://portal.fictional-dental.example/x'])
      expect(await send('settings:update', { externalSites: [bad] })).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'externalSites.0' },
      });
    expect(
      await send('settings:update', { externalSites: ['https://portal.fictional-dental.example'] }),
    ).toMatchObject({ ok: true });

    expect(await send('payers:openPortal', { id: withPortal.value.id })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(opened).toEqual(['https://portal.fictional-dental.example/providers']);
    expect(await send('payers:openPortal', { id: without.value.id })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'This payer has no portal address yet.' },
    });
    expect(opened).toHaveLength(1);
  });
});
