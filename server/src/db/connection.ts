// Two ways into one database: Sequelize for the domain tables, a plain pg pool for the chunk hot path.
import pg from 'pg';
import { Sequelize } from 'sequelize';
import type { Logger } from '../logger.js';
import { defineModels, type Models } from './models.js';

export interface Database {
  url: string;
  sequelize: Sequelize;
  models: Models;
  /** Raw pool for hot-path statements (state transitions under row locks, finalize, the domain's queries). */
  pool: pg.Pool;
  /**
   * The chunk path's own connections, as many as the stager writes at once: when a room stops together, chunk
   * acks do not queue for a connection behind the stops and finalizes.
   */
  chunkPool: pg.Pool;
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

/**
 * Chunk-staging statements in flight at once (takes/chunk-stager.ts), each on its own connection. Fewer statements
 * at once means more chunks per statement, and so fewer commits: at 300 speakers, 2 took about 8 % less PostgreSQL
 * CPU than 4, with chunk-ack p99 no worse (bench/results/burst-notes.md).
 */
export const CHUNK_WRITES_AT_ONCE = 2;

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
  const chunkPool = guardPool(
    new pg.Pool({ connectionString: url, max: CHUNK_WRITES_AT_ONCE, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 }),
    log,
    'chunks',
  );
  return {
    url,
    sequelize,
    models,
    pool,
    chunkPool,
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await Promise.allSettled([pool.end(), chunkPool.end(), sequelize.close()]);
    },
  };
}
