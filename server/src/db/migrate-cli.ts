// `node server/dist/db/migrate-cli.js`: runs the migrations and exits (the Kubernetes migration Job).
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { connectDatabase } from './connection.js';
import { migrate } from './migrator.js';

try {
  const config = loadConfig();
  if (!('url' in config.database)) throw new ConfigError('DATABASE_URL is required to run migrations');
  const log = createLogger(config.logLevel, { component: 'migrate' });
  const db = connectDatabase(config.database.url, log);
  try {
    const applied = await migrate(config.database.url, db.sequelize, log);
    log.info({ applied }, 'migrations done');
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
