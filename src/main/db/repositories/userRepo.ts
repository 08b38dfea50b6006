// SQL for the office's users.
import { sql } from 'kysely';
import type { Role, User } from '../../../shared/auth/authViews';
import type { AppDb } from '../appDb';

export interface UserRow extends User {
  passwordHash: string;
}

const select = (db: AppDb) =>
  db.q
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name as displayName',
      'role',
      'active',
      'password_hash as passwordHash',
    ]);
const toRow = (r: Omit<UserRow, 'active'> & { active: number }): UserRow => ({
  ...r,
  active: r.active === 1,
});

export async function countUsers(db: AppDb): Promise<number> {
  const row = await db.q
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Case does not matter in a user name (the unique index says the same on both engines). */
export async function findUserByName(db: AppDb, username: string): Promise<UserRow | null> {
  const row = await select(db)
    .where(sql`lower(username)`, '=', sql<string>`lower(${username.normalize('NFC')})`)
    .executeTakeFirst();
  return row ? toRow(row) : null;
}

export async function getUser(db: AppDb, id: number): Promise<UserRow | null> {
  const row = await select(db).where('id', '=', id).executeTakeFirst();
  return row ? toRow(row) : null;
}

export async function listUsers(db: AppDb): Promise<UserRow[]> {
  return (
    await select(db)
      .orderBy(sql`lower(display_name)`)
      .execute()
  ).map(toRow);
}

export async function insertUser(
  db: AppDb,
  u: { username: string; displayName: string; role: Role; passwordHash: string },
  now: string,
): Promise<number> {
  const row = await db.q
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: AppDb,
  id: number,
  u: { username: string; displayName: string; role: Role; active: boolean },
  now: string,
): Promise<void> {
  await db.q
    .updateTable('users')
    .set({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      active: u.active ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function updatePasswordHash(db: AppDb, id: number, hash: string, now: string): Promise<void> {
  await db.q
    .updateTable('users')
    .set({ password_hash: hash, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function countActiveAdmins(db: AppDb): Promise<number> {
  const row = await db.q
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
