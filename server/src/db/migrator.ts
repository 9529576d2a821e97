// umzug migrations, run under a PostgreSQL advisory lock so that replicas and the migration Job never race.
import pg from 'pg';
import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug, type MigrationParams } from 'umzug';
import type { Logger } from '../logger.js';
import { MIGRATIONS } from './migrations/index.js';

export type Sql = (text: string, params?: unknown[]) => Promise<unknown>;
export interface Migration {
  name: string;
  up(params: MigrationParams<Sql>): Promise<void>;
  down(params: MigrationParams<Sql>): Promise<void>;
}

const MIGRATION_LOCK_KEY = 0x656d6f76; // "emov"

export async function migrate(databaseUrl: string, sequelize: Sequelize, log: Logger): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  lockClient.on('error', (error) => log.warn({ err: error }, 'migration lock connection error'));
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const sql: Sql = (text, params) => sequelize.query(text, params ? { bind: params } : {});
    const umzug = new Umzug<Sql>({
      migrations: MIGRATIONS.map((migration) => ({ ...migration })),
      context: () => sql, // a function here would be taken for a context factory
      storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
      logger: undefined,
    });
    const applied = await umzug.up();
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    return applied.map((m) => m.name);
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockClient.end().catch(() => undefined);
  }
}
