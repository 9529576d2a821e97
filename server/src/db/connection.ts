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

/**
 * When PostgreSQL restarts, every open client emits 'error'. pg-pool only listens while a client is idle, so a
 * checked-out client (a transaction, the adapter's LISTEN client) would crash the process. Listen on all of them.
 */
export function guardPool(pool: pg.Pool, log: Logger, name: string): pg.Pool {
  pool.on('error', (error) => log.warn({ err: error, pool: name }, 'idle database client error'));
  pool.on('connect', (client) => {
    client.on('error', (error) => log.warn({ err: error, pool: name }, 'database client error'));
  });
  return pool;
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
  guardPool(pool, log, 'database');
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
