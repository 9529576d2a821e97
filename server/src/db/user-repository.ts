import { QueryTypes, Sequelize } from 'sequelize';
import type { Role } from '../protocol/index.js';
import type { Models } from './models.js';

export interface User {
  id: string;
  email: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  /** Tokens issued under an older epoch are dead (a disable moves it on). */
  tokenEpoch: number;
  createdAt: Date;
}

export function userRepository(models: Models) {
  const toUser = (row: InstanceType<Models['User']>): User => ({
    id: row.id,
    email: row.email,
    role: row.role as Role,
    passwordHash: row.passwordHash,
    disabled: row.disabledAt !== null && row.disabledAt !== undefined,
    tokenEpoch: row.tokenEpoch,
    createdAt: row.createdAt,
  });
  const byEmail = (email: string) =>
    models.User.findOne({ where: Sequelize.where(Sequelize.fn('lower', Sequelize.col('email')), email.toLowerCase()) });
  const sequelize = models.User.sequelize!;
  return {
    async findByEmail(email: string): Promise<User | null> {
      const row = await byEmail(email);
      return row ? toUser(row) : null;
    },
    async findById(id: string): Promise<User | null> {
      const row = await models.User.findByPk(id);
      return row ? toUser(row) : null;
    },
    /** The account behind a supervisor token, and whether that token was logged out: one round trip per request. */
    async findForToken(id: string, tokenId: string | null): Promise<(Pick<User, 'id' | 'role' | 'disabled' | 'tokenEpoch'> & { tokenRevoked: boolean }) | null> {
      const rows = await sequelize.query<{ id: string; role: string; disabled: boolean; token_epoch: number; revoked: boolean }>(
        `SELECT u.id, u.role, u.disabled_at IS NOT NULL AS disabled, u.token_epoch,
                EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.token_id = $2::uuid) AS revoked
           FROM users u WHERE u.id = $1::uuid`,
        { bind: [id, tokenId], type: QueryTypes.SELECT },
      );
      const row = rows[0];
      return row ? { id: row.id, role: row.role as Role, disabled: row.disabled, tokenEpoch: row.token_epoch, tokenRevoked: row.revoked } : null;
    },
    /** Creates the account, or updates its password and role and enables it (`npm run user:create`). */
    async upsert(email: string, passwordHash: string, role: Role): Promise<User> {
      const existing = await byEmail(email);
      if (existing) {
        await existing.update({ passwordHash, role, disabledAt: null, updatedAt: new Date() });
        return toUser(await existing.reload());
      }
      return toUser(await models.User.create({ email, passwordHash, role }));
    },
    /** ADMIN_EMAIL at start-up: creates the account once; afterwards only a changed password or role is written, never the disable. */
    async ensure(email: string, role: Role, hashIfChanged: (user: User | null) => Promise<string | null>): Promise<User> {
      const existing = await byEmail(email);
      const hash = await hashIfChanged(existing ? toUser(existing) : null);
      if (!existing) return toUser(await models.User.create({ email, passwordHash: hash!, role }));
      if (hash !== null || existing.role !== role) {
        await existing.update({ passwordHash: hash ?? existing.passwordHash, role, updatedAt: new Date() });
      }
      return toUser(existing);
    },
    /** A new hash of the same password (stronger parameters), unless the password changed meanwhile. */
    async upgradeHash(id: string, oldHash: string, newHash: string): Promise<void> {
      await models.User.update({ passwordHash: newHash }, { where: { id, passwordHash: oldHash } });
    },
    /** Ends every token of the account issued so far. */
    async endAllTokens(id: string): Promise<void> {
      await sequelize.query('UPDATE users SET token_epoch = token_epoch + 1 WHERE id = $1::uuid', { bind: [id] });
    },
    async list(): Promise<User[]> {
      return (await models.User.findAll({ order: [['createdAt', 'ASC']] })).map(toUser);
    },
    async setDisabled(id: string, disabled: boolean): Promise<User | null> {
      const row = await models.User.findByPk(id);
      if (!row) return null;
      await row.update({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() });
      return toUser(await row.reload());
    },
  };
}
export type UserRepository = ReturnType<typeof userRepository>;
