// Logged-out tokens and login attempts, in PostgreSQL so that every replica sees the same.
import type pg from 'pg';

export interface LoginWindow {
  /** Attempts in the current window, this one included. */
  attempts: number;
  windowEndsAt: Date;
}

export function accountSecurityRepository(pool: pg.Pool) {
  return {
    /** Ends one token on every replica; rows of tokens that have expired anyway are dropped on the way. */
    async revokeToken(tokenId: string, userId: string, expiresAt: Date): Promise<void> {
      await pool.query(
        `WITH expired AS (DELETE FROM revoked_tokens WHERE expires_at < now())
         INSERT INTO revoked_tokens (token_id, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (token_id) DO NOTHING`,
        [tokenId, userId, expiresAt],
      );
    },

    /**
     * Counts one login attempt for an account, atomically across replicas, before the password is checked: so
     * concurrent attempts on several replicas cannot slip past the limit. A window older than windowMs restarts at 1.
     */
    async countAttempt(emailKey: string, windowMs: number): Promise<LoginWindow> {
      const result = await pool.query<{ attempts: number; window_ends_at: Date }>(
        `INSERT INTO login_attempts AS a (email_key, attempts, window_started_at) VALUES ($1, 1, now())
         ON CONFLICT (email_key) DO UPDATE SET
           attempts = CASE WHEN a.window_started_at <= now() - $2 * interval '1 millisecond' THEN 1 ELSE a.attempts + 1 END,
           window_started_at = CASE WHEN a.window_started_at <= now() - $2 * interval '1 millisecond' THEN now() ELSE a.window_started_at END
         RETURNING attempts, window_started_at + $2 * interval '1 millisecond' AS window_ends_at`,
        [emailKey, windowMs],
      );
      const row = result.rows[0]!;
      return { attempts: row.attempts, windowEndsAt: row.window_ends_at };
    },

    /** A successful login clears the account's count; stale windows of other accounts go with it. */
    async clearAttempts(emailKey: string, windowMs: number): Promise<void> {
      await pool.query(
        `DELETE FROM login_attempts WHERE email_key = $1 OR window_started_at <= now() - $2 * interval '1 millisecond'`,
        [emailKey, windowMs],
      );
    },
  };
}
export type AccountSecurityRepository = ReturnType<typeof accountSecurityRepository>;
