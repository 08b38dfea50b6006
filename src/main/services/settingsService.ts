// Reads and changes practice settings; a change is validated whole and written in one transaction.
// Settings are read on every action (the lock minutes, the staleness windows), so they are kept in
// memory: loaded at start, after each change, and when another desk changes them (refresh).
import { AppError } from '../../shared/ipc/result';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings/settings';
import type { AppDb } from '../db/appDb';
import { readSettingsRows, writeSetting } from '../db/repositories/settingsRepo';

export interface SettingsService {
  /** The settings as last read. */
  get(): Settings;
  /** Reads them again (another desk may have changed them). */
  refresh(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
}

export async function createSettingsService(db: AppDb, now: () => Date): Promise<SettingsService> {
  const read = async (): Promise<Settings> => {
    const stored: Record<string, unknown> = {};
    for (const row of await readSettingsRows(db)) stored[row.key] = JSON.parse(row.value_json);
    const merged = {
      ...DEFAULT_SETTINGS,
      ...stored,
      office: { ...DEFAULT_SETTINGS.office, ...(stored.office as object | undefined) },
    };
    const parsed = settingsSchema.safeParse(merged);
    // A setting written by an older build that no longer validates falls back to the default, not a crash.
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };
  let current = await read();

  const refresh = async () => (current = await read());

  const update = async (patch: SettingsPatch): Promise<Settings> => {
    const base = await refresh();
    const next = { ...base, ...patch, office: { ...base.office, ...patch.office } };
    const parsed = settingsSchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'validation',
        issue?.message ?? 'These settings are not valid.',
        issue?.path.join('.'),
      );
    }
    const stamp = now().toISOString();
    await db.tx(async () => {
      for (const key of Object.keys(patch) as Array<keyof Settings>) {
        await writeSetting(db, key, JSON.stringify(parsed.data[key]), stamp);
      }
    });
    // The guard's audit row commits with the change: only then is it the desk's setting.
    db.afterCommit(() => {
      current = parsed.data;
    });
    return parsed.data;
  };

  return { get: () => current, refresh, update };
}
