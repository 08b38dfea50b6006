// Money is integer cents and rates are integer basis points (10000 = 100%). Parsing is strict and
// never goes through floating point; formatting is for display only.

export const MAX_CENTS = 100_000_000; // $1,000,000.00: no dental fee comes near it.
export const FULL_BP = 10_000;

/** "$1,234.56", "1234.5", "1,234" -> cents; anything else (1e3, (5.00), 1,23, 12.345, -5) -> null. */
export function parseMoney(input: string): number | null {
  const text = input.trim().replace(/^\$\s?/, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const dollars = Number(match[1]!.replace(/,/g, ''));
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  const total = dollars * 100 + cents;
  return Number.isSafeInteger(total) && total <= MAX_CENTS ? total : null;
}

/** "80", "80%", "12.5%" -> basis points (8000, 1250); out of 0..100 or more than 2 decimals -> null. */
export function parsePercent(input: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(input.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= FULL_BP ? bp : null;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

export function formatBp(bp: number): string {
  return `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(2).replace(/0$/, '')}%`;
}

/**
 * The one rounding rule: an insurer's share is rounded down to the cent, so any remainder cent stays
 * with the patient and insurance + patient always equals the base exactly.
 */
export function shareOf(baseCents: number, bp: number): number {
  const product = baseCents * bp;
  if (!Number.isSafeInteger(product) || baseCents < 0 || bp < 0 || bp > FULL_BP) {
    throw new RangeError(`shareOf(${baseCents}, ${bp}) is outside the safe range`);
  }
  return Math.floor(product / FULL_BP);
}
