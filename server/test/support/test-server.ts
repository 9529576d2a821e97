// A real server on an ephemeral port, with its own database and data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server.js';
import type { ObjectStore } from '../../src/storage/index.js';
import { createTestDatabase } from './test-database.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  databaseUrl: string;
  env: Record<string, string>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

export async function startTestServer(
  options: { env?: Record<string, string>; store?: ObjectStore; databaseUrl?: string; dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'emovox-test-')));
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const env = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    STATIC_DIR: path.join(dataDir, 'no-client'),
    // Every test client is 127.0.0.1: the per-address consent limit is tested on its own.
    SPEAKERS_PER_HOUR_PER_ADDRESS: '100000',
    ...options.env,
  };
  const config = loadConfig(env);
  const server = await startServer(config, createLogger(config.logLevel), options.store ? { store: options.store } : {});
  return {
    ...server,
    dataDir,
    databaseUrl,
    env,
    async dispose() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits (bounded) until every server's adapter on `namespace` counts them all: only then do events cross replicas. */
export async function waitForPeers(servers: TestServer[], namespace: '/record' | '/monitor'): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    const counts = await Promise.all(servers.map((server) => server.application.io.of(namespace).adapter.serverCount()));
    if (counts.every((count) => count === servers.length)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the ${servers.length} replicas never saw each other`);
}
