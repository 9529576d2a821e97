import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.js';
import { signSupervisorToken } from '../auth/supervisor-tokens.js';
import type { UserRepository } from '../db/user-repository.js';
import { AppError } from '../errors.js';
import type { LoginResult, Role } from '../protocol/index.js';

export function createLoginService(deps: { users: UserRepository; jwtKey: Uint8Array; tokenTtlMs: number }) {
  return {
    async login(email: string, password: string): Promise<LoginResult> {
      const user = await deps.users.findByEmail(email);
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !valid || user.disabled) throw new AppError('UNAUTHORIZED', 'Wrong email or password');
      const { token, expiresAt } = await signSupervisorToken(deps.jwtKey, user.id, user.role, deps.tokenTtlMs);
      return { token, role: user.role, expiresAt: expiresAt.toISOString() };
    },
    /** ADMIN_EMAIL/ADMIN_PASSWORD at start-up: the admin exists afterwards, with that password. */
    async ensureAccount(email: string, password: string, role: Role) {
      return deps.users.upsert(email, await hashPassword(password), role);
    },
  };
}
export type LoginService = ReturnType<typeof createLoginService>;
