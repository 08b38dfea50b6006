// Reads and changes practice settings; a change is validated whole and written in one transaction.
import { AppError } from '../../shared/ipc/result';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings/settings';
import type { Db } from '../db/connection';
import { readSettingsRows, writeSetting } from '../db/repositories/settingsRepo';

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export function createSettingsService(db: Db, now: () => Date): SettingsService {
  const get = (): Settings => {
    const stored: Record<string, unknown> = {};
    for (const row of readSettingsRows(db)) stored[row.key] = JSON.parse(row.value_json);
    const merged = {
      ...DEFAULT_SETTINGS,
      ...stored,
      office: { ...DEFAULT_SETTINGS.office, ...(stored.office as object | undefined) },
    };
    const parsed = settingsSchema.safeParse(merged);
    // A setting written by an older build that no longer validates falls back to the default, not a crash.
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };

  const update = (patch: SettingsPatch): Settings => {
    const current = get();
    const next = { ...current, ...patch, office: { ...current.office, ...patch.office } };
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
    db.transaction(() => {
      for (const key of Object.keys(patch) as Array<keyof Settings>) {
        writeSetting(db, key, JSON.stringify(parsed.data[key]), stamp);
      }
    })();
    return parsed.data;
  };

  return { get, update };
}
