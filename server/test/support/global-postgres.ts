// One real PostgreSQL 17 for the whole test run; every test file gets its own database in it.
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';
import { expectNoLeftovers, markTestRun } from './leftover-processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'emovox-test-pg-'));
  await chmod(root, 0o755);
  const log = createLogger('warn', { component: 'test-postgres' });
  const database = await startEmbeddedPostgres({ dir: path.join(root, 'data'), password: 'test-password', log, database: 'postgres' });
  project.provide('postgresAdminUrl', database.url);
  // After this PostgreSQL started (it is stopped below): everything the tests start carries the mark.
  const run = markTestRun();
  return async () => {
    await database.stop();
    await rm(root, { recursive: true, force: true });
    await expectNoLeftovers(run);
  };
}
