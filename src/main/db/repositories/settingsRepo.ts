import type { Db } from '../connection';
import { stmt } from '../statements';

export function readSettingsRows(db: Db): Array<{ key: string; value_json: string }> {
  return stmt(db, 'SELECT key, value_json FROM settings ORDER BY key').all() as Array<{
    key: string;
    value_json: string;
  }>;
}

export function writeSetting(db: Db, key: string, valueJson: string, updatedAt: string): void {
  stmt(
    db,
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  ).run(key, valueJson, updatedAt);
}
