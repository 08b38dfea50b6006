// SQL for local users.
import type { Role, User } from '../../../shared/auth/authViews';
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface UserRow extends User {
  passwordHash: string;
}

const COLUMNS = `id, username, display_name AS displayName, role, active, password_hash AS passwordHash`;
const toRow = (r: Omit<UserRow, 'active'> & { active: number }): UserRow => ({
  ...r,
  active: r.active === 1,
});

export function countUsers(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function findUserByName(db: Db, username: string): UserRow | null {
  const row = stmt(db, `SELECT ${COLUMNS} FROM users WHERE username = ?`).get(username.normalize('NFC')) as
    (Omit<UserRow, 'active'> & { active: number }) | undefined;
  return row ? toRow(row) : null;
}

export function getUser(db: Db, id: number): UserRow | null {
  const row = stmt(db, `SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as
    (Omit<UserRow, 'active'> & { active: number }) | undefined;
  return row ? toRow(row) : null;
}

export function listUsers(db: Db): UserRow[] {
  return (
    stmt(db, `SELECT ${COLUMNS} FROM users ORDER BY display_name COLLATE NOCASE`).all() as Array<
      Omit<UserRow, 'active'> & { active: number }
    >
  ).map(toRow);
}

export function insertUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; passwordHash: string },
  now: string,
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(u.username, u.displayName, u.role, u.passwordHash, now, now).lastInsertRowid,
  );
}

export function updateUser(
  db: Db,
  id: number,
  u: { username: string; displayName: string; role: Role; active: boolean },
  now: string,
): void {
  stmt(
    db,
    'UPDATE users SET username = ?, display_name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?',
  ).run(u.username, u.displayName, u.role, u.active ? 1 : 0, now, id);
}

export function updatePasswordHash(db: Db, id: number, hash: string, now: string): void {
  stmt(db, 'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, now, id);
}

export function countActiveAdmins(db: Db): number {
  return (
    stmt(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as { n: number }
  ).n;
}
