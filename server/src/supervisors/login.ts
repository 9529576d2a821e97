import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../auth/passwords.js';
import { signSupervisorToken } from '../auth/supervisor-tokens.js';
import type { AccountSecurityRepository } from '../db/account-security-repository.js';
import type { UserRepository } from '../db/user-repository.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { LoginResult, Role } from '../protocol/index.js';

/** Per account (known or not), across replicas: this many attempts per window, then RATE_LIMITED until it ends. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export function createLoginService(deps: {
  users: UserRepository;
  security: AccountSecurityRepository;
  jwtKey: Uint8Array;
  tokenTtlMs: number;
  log: Logger;
}) {
  return {
    async login(email: string, password: string): Promise<LoginResult> {
      const emailKey = email.trim().toLowerCase();
      const window = await deps.security.countAttempt(emailKey, LOGIN_WINDOW_MS);
      if (window.attempts > LOGIN_ATTEMPTS_PER_WINDOW) {
        const retryAfterMs = Math.max(1_000, window.windowEndsAt.getTime() - Date.now());
        throw new AppError('RATE_LIMITED', 'Too many login attempts for this account', { retryAfterMs });
      }
      const user = await deps.users.findByEmail(email);
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !valid || user.disabled) throw new AppError('UNAUTHORIZED', 'Wrong email or password');
      await deps.security.clearAttempts(emailKey, LOGIN_WINDOW_MS);
      if (needsRehash(user.passwordHash)) {
        // Only here is the password known: hashes made with older parameters are upgraded at login.
        await deps.users.upgradeHash(user.id, user.passwordHash, await hashPassword(password));
        deps.log.info({ userId: user.id }, 'password hash upgraded');
      }
      const { token, expiresAt } = await signSupervisorToken(deps.jwtKey, user.id, user.role, deps.tokenTtlMs, user.tokenEpoch);
      return { token, role: user.role, expiresAt: expiresAt.toISOString() };
    },

    /** ADMIN_EMAIL/ADMIN_PASSWORD at start-up: the admin exists afterwards, with that password; a disabled one stays disabled. */
    async ensureAccount(email: string, password: string, role: Role) {
      return deps.users.ensure(email, role, async (user) =>
        user && !needsRehash(user.passwordHash) && (await verifyPassword(password, user.passwordHash)) ? null : hashPassword(password),
      );
    },

    /** Ends one token on every replica (legacy tokens without an ID end with all of the account's tokens). */
    async logout(identity: { userId: string; tokenId: string | null; expiresAt: Date }): Promise<void> {
      if (identity.tokenId) await deps.security.revokeToken(identity.tokenId, identity.userId, identity.expiresAt);
      else await deps.users.endAllTokens(identity.userId);
    },
  };
}
export type LoginService = ReturnType<typeof createLoginService>;
