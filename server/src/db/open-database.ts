// The database and token secret a process needs, found the same way startServer finds them:
// DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR. Used by the CLIs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { loadLocalSecrets } from '../ops/local-secrets.js';
import { connectDatabase, type Database } from './connection.js';
import { clusterDir, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { migrate } from './migrator.js';

export interface OpenedDatabase {
  db: Database;
  url: string;
  /** The secret every key derives from (keys.pseudonym, keys.jwt): the same as the server's. */
  tokenSecret: string;
  embedded: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  migrate?: boolean;
  poolMax?: number;
  /** CLIs may use the embedded PostgreSQL of a server running on the same DATA_DIR; a server may not. */
  shareRunningEmbedded?: boolean;
}

export async function openDatabase(config: Config, log: Logger, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const localSecrets = config.tokenSecret && 'url' in config.database ? null : await loadLocalSecrets(config.dataDir);
  const tokenSecret = config.tokenSecret ?? localSecrets!.tokenSecret;
  let embedded: EmbeddedDatabase | null = null;
  let url: string;
  if ('url' in config.database) {
    url = config.database.url;
  } else {
    const running = (options.shareRunningEmbedded ?? true) ? await runningEmbeddedUrl(await clusterDir(config.database.dir), localSecrets!.postgresPassword) : null;
    if (running) {
      log.info('using the embedded PostgreSQL of the running server');
      url = running;
    } else {
      embedded = await startEmbeddedPostgres({
        dir: config.database.dir,
        port: config.database.port,
        password: localSecrets!.postgresPassword,
        log,
      });
      url = embedded.url;
    }
  }
  const db = connectDatabase(url, log, { poolMax: options.poolMax ?? 5 });
  const close = async () => {
    await db.close();
    await embedded?.stop();
  };
  try {
    if (options.migrate ?? config.migrateOnStart) await migrate(url, db.sequelize, log);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, url, tokenSecret, embedded: embedded !== null, close };
}

/**
 * A server already running on this DATA_DIR holds the embedded PostgreSQL: connect to it rather than
 * start a second one (startEmbeddedPostgres would take the running one for a stale postmaster and stop it).
 * postmaster.pid lines: pid, data dir, start time, port, ...
 */
async function runningEmbeddedUrl(dir: string, password: string): Promise<string | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  // The user and database names startEmbeddedPostgres uses.
  return `postgres://emovox:${encodeURIComponent(password)}@127.0.0.1:${port}/emovox`;
}
