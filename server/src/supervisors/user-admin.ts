// Admins create supervisor accounts and disable them. Disabling also ends the account's live sockets.
import { hashPassword } from '../auth/passwords.js';
import type { User, UserRepository } from '../db/user-repository.js';
import { AppError, badRequest, notFound } from '../errors.js';
import type { Role, UserJson } from '../protocol/index.js';


export const toUserJson = (user: User): UserJson => ({
  id: user.id,
  email: user.email,
  role: user.role,
  disabled: user.disabled,
  createdAt: user.createdAt.toISOString(),
});

export function createUserAdmin(deps: { users: UserRepository; onDisabled: (userId: string) => void }) {
  return {
    async list(): Promise<UserJson[]> {
      return (await deps.users.list()).map(toUserJson);
    },

    async create(input: { email: string; password: string; role: Role }): Promise<UserJson> {
      if (await deps.users.findByEmail(input.email)) throw new AppError('CONFLICT', 'An account with this email exists');
      return toUserJson(await deps.users.upsert(input.email, await hashPassword(input.password), input.role));
    },

    async setDisabled(actingUserId: string, userId: string, disabled: boolean): Promise<UserJson> {
      if (disabled && actingUserId === userId) throw badRequest('An admin cannot disable their own account');
      const user = await deps.users.setDisabled(userId, disabled);
      if (!user) throw notFound('user');
      if (disabled) deps.onDisabled(user.id);
      return toUserJson(user);
    },
  };
}
export type UserAdmin = ReturnType<typeof createUserAdmin>;
