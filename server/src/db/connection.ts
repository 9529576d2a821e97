// Two ways into one database: Sequelize for the domain tables, a plain pg pool for the chunk hot path.
import pg from 'pg';
import { Sequelize } from 'sequelize';
import type { Logger } from '../logger.js';
import { defineModels, type Models } from './models.js';

export interface Database {
  url: string;
  sequelize: Sequelize;
  models: Models;
  /** Raw pool for hot-path statements (chunk staging, state transitions under row locks). */
  pool: pg.Pool;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function connectDatabase(url: string, log: Logger, options: { poolMax?: number } = {}): Database {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    pool: { max: 5, min: 0, idle: 10_000, acquire: 15_000 },
    define: { underscored: true, timestamps: false },
  });
  const models = defineModels(sequelize);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 20,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client's error (a PostgreSQL restart) must not kill the process: the pool drops it.
  pool.on('error', (error) => log.warn({ err: error }, 'idle database client error'));
  return {
    url,
    sequelize,
    models,
    pool,
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await Promise.allSettled([pool.end(), sequelize.close()]);
    },
  };
}
