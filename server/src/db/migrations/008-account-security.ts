import type { Migration } from '../migrator.js';

export const accountSecurity: Migration = {
  name: '008-account-security',
  async up({ context: sql }) {
    await sql(`
      -- Supervisor tokens carry the epoch they were issued under; a token of an older epoch is dead. Disabling an
      -- account moves its epoch on (by trigger, so a disable made in SQL counts too): re-enabling it later does not
      -- bring the old tokens back. Accounts disabled today start at 1, so their tokens (epoch 0) stay dead.
      ALTER TABLE users ADD COLUMN token_epoch integer NOT NULL DEFAULT 0;
      UPDATE users SET token_epoch = 1 WHERE disabled_at IS NOT NULL;
      CREATE FUNCTION users_disable_ends_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.token_epoch := OLD.token_epoch + 1;
        RETURN NEW;
      END $$;
      CREATE TRIGGER users_disable_ends_tokens BEFORE UPDATE OF disabled_at ON users
        FOR EACH ROW WHEN (OLD.disabled_at IS NULL AND NEW.disabled_at IS NOT NULL)
        EXECUTE FUNCTION users_disable_ends_tokens();
      -- Tokens ended by a logout, until they would have expired anyway; every replica checks here.
      CREATE TABLE revoked_tokens (
        token_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);
      -- Login attempts per account (lower-cased email, known or not) in the current window, shared by replicas.
      CREATE TABLE login_attempts (
        email_key text PRIMARY KEY,
        attempts integer NOT NULL,
        window_started_at timestamptz NOT NULL
      );
      CREATE INDEX login_attempts_window ON login_attempts (window_started_at);
    `);
  },
  async down({ context: sql }) {
    await sql(`
      DROP TABLE login_attempts;
      DROP TABLE revoked_tokens;
      DROP TRIGGER users_disable_ends_tokens ON users;
      DROP FUNCTION users_disable_ends_tokens();
      ALTER TABLE users DROP COLUMN token_epoch;
    `);
  },
};
