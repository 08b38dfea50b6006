// Administrators manage the desk's accounts: one per person, never shared; at least one active
// administrator always remains.
import type { SaveUser, User } from '../../shared/auth/authViews';
import { AppError } from '../../shared/ipc/result';
import type { AppDb } from '../db/appDb';
import { isUniqueViolation } from '../db/dialect';
import {
  countActiveAdmins,
  getUser,
  insertUser,
  listUsers,
  updatePasswordHash,
  updateUser,
} from '../db/repositories/userRepo';
import { appendAudit } from '../audit/auditLog';
import { assertPasswordStrength, hashPassword } from './passwords';
import type { SessionUser } from './sessionService';

const publicUser = ({ passwordHash: _hidden, ...user }: User & { passwordHash: string }): User => user;

export function createUserService(deps: { db: AppDb; now: () => Date; actor: () => SessionUser | null }) {
  const { db, now, actor } = deps;
  return {
    list: async (): Promise<User[]> => (await listUsers(db)).map(publicUser),

    async save(input: SaveUser): Promise<User> {
      if (input.id === null && input.password === null)
        throw new AppError('validation', 'A new user needs a password.', 'password');
      if (input.password !== null) assertPasswordStrength(input.password);
      const hash = input.password === null ? null : await hashPassword(input.password);
      const stamp = now().toISOString();
      try {
        const id = await db.tx(async () => {
          let userId = input.id;
          if (userId === null) {
            userId = await insertUser(db, { ...input, passwordHash: hash! }, stamp);
          } else {
            if (!(await getUser(db, userId))) throw new AppError('not_found', 'That user no longer exists.');
            await updateUser(db, userId, input, stamp);
            if (hash) await updatePasswordHash(db, userId, hash, stamp);
          }
          if ((await countActiveAdmins(db)) === 0) {
            throw new AppError(
              'validation',
              'VerifyDesk needs at least one active administrator. Make someone else an administrator first.',
              'role',
            );
          }
          await appendAudit(
            db,
            {
              who: actor(),
              action: input.id === null ? 'create' : 'change',
              entity: 'user',
              entityId: userId,
              // Which parts changed, never the password itself.
              detail: {
                fields: ['username', 'displayName', 'role', 'active', ...(hash ? ['password'] : [])],
              },
            },
            now(),
          );
          return userId;
        });
        return publicUser((await getUser(db, id))!);
      } catch (error) {
        if (isUniqueViolation(error, /users.username|users_username/))
          throw new AppError('validation', 'Another user already has this user name.', 'username');
        throw error;
      }
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
