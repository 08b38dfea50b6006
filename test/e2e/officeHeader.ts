// The synthetic office header, set for every signed-in harness (as after the first-start setup), and
// again through window.api where a test wants to be explicit.
import { SYNTHETIC_OFFICE } from '../helpers/testOffice';
import type { Harness } from './harness';

export async function setSyntheticOffice(h: Harness): Promise<void> {
  await h.page.evaluate(async (office) => {
    const r = await window.api.settingsUpdate({ office });
    if (!r.ok) throw new Error(r.error.message);
  }, SYNTHETIC_OFFICE);
}
