// Keys go where focus is. The call screen moves focus into a question after rendering it, so a key
// pressed before that is lost; a journey typing answers waits for it first (slower engines and busy
// machines widen that gap: it made call.test and then the ledger journey on PostgreSQL fail now and then).
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

export async function waitForFocusIn(question: Locator, key: string | null): Promise<void> {
  await expect
    .poll(() => question.evaluate((el) => el.contains(document.activeElement)), {
      message: `focus never reached question ${key}`,
    })
    .toBe(true);
}
