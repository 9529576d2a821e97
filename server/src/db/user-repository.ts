import { Sequelize } from 'sequelize';
import type { Role } from '../protocol/index.js';
import type { Models } from './models.js';

export interface User {
  id: string;
  email: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
}

export function userRepository(models: Models) {
  const toUser = (row: InstanceType<Models['User']>): User => ({
    id: row.id,
    email: row.email,
    role: row.role as Role,
    passwordHash: row.passwordHash,
    disabled: row.disabledAt !== null && row.disabledAt !== undefined,
    createdAt: row.createdAt,
  });
  const byEmail = (email: string) =>
    models.User.findOne({ where: Sequelize.where(Sequelize.fn('lower', Sequelize.col('email')), email.toLowerCase()) });
  return {
    async findByEmail(email: string): Promise<User | null> {
      const row = await byEmail(email);
      return row ? toUser(row) : null;
    },
    async findById(id: string): Promise<User | null> {
      const row = await models.User.findByPk(id);
      return row ? toUser(row) : null;
    },
    /** Creates the account, or updates its password and role (admin bootstrap, CLI). */
    async upsert(email: string, passwordHash: string, role: Role): Promise<User> {
      const existing = await byEmail(email);
      if (existing) {
        await existing.update({ passwordHash, role, disabledAt: null, updatedAt: new Date() });
        return toUser(existing);
      }
      return toUser(await models.User.create({ email, passwordHash, role }));
    },
    async list(): Promise<User[]> {
      return (await models.User.findAll({ order: [['createdAt', 'ASC']] })).map(toUser);
    },
    async setDisabled(id: string, disabled: boolean): Promise<User | null> {
      const row = await models.User.findByPk(id);
      if (!row) return null;
      await row.update({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() });
      return toUser(row);
    },
  };
}
export type UserRepository = ReturnType<typeof userRepository>;
