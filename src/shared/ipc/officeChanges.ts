// Main's one push to the window: "a list you may be showing changed", by topic, never with the data
// itself (the screen reads it again through its usual channel, with its usual checks). Kept free of zod
// so the sandboxed preload can bundle it alone, like channels.ts.

/** The fixed channel main sends on and the preload alone listens to. */
export const OFFICE_CHANGE_EVENT = 'office:changed';

/** The names every list shows beside its rows. */
const NAMES = ['patients', 'plans', 'payers'] as const;
/** A PA item and its history. */
const PRIOR_AUTHS = ['prior_auths', 'prior_auth_events'] as const;
/** What says an appointment needs verifying: calls, coverage, planned codes, what is on file. */
const APPOINTMENTS = [
  'calls',
  'coverages',
  'planned_services',
  'last_verifications',
  'observations',
] as const;

/** The lists that follow what other desks do, and the office database's tables each is read from. */
export const OFFICE_TOPIC_TABLES = {
  priorAuths: [...PRIOR_AUTHS, ...NAMES],
  todos: ['todo_marks', ...PRIOR_AUTHS, ...APPOINTMENTS, ...NAMES],
  reverify: [...APPOINTMENTS, ...NAMES],
} as const satisfies Record<string, readonly string[]>;

export type OfficeTopic = keyof typeof OFFICE_TOPIC_TABLES;
export const OFFICE_TOPICS = Object.keys(OFFICE_TOPIC_TABLES) as OfficeTopic[];

export interface OfficeChange {
  topics: OfficeTopic[];
}

/** The lists a change to `table` may alter (none for a table no list reads). */
export function topicsForTable(table: string): OfficeTopic[] {
  return OFFICE_TOPICS.filter((topic) => (OFFICE_TOPIC_TABLES[topic] as readonly string[]).includes(table));
}

/** Only the known topics of what arrived, each once: the window trusts nothing else from the channel. */
export function officeChangeFrom(value: unknown): OfficeChange | null {
  const topics = (value as { topics?: unknown } | null)?.topics;
  if (!Array.isArray(topics)) return null;
  const known = OFFICE_TOPICS.filter((t) => topics.includes(t));
  return known.length > 0 ? { topics: known } : null;
}
