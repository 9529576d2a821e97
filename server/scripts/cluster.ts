// `npm run start:cluster`: two replicas on one database and one object store, behind a sticky TCP proxy on
// PORT, to try scale-out and failover by hand (kill a replica; its speakers resume on the other).
// The launcher owns the one embedded PostgreSQL when DATABASE_URL is unset.
import { spawn, type ChildProcess } from 'node:child_process';
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { createLogger } from '../src/logger.js';
import { loadLocalSecrets } from '../src/ops/local-secrets.js';
import { startTcpProxy } from '../src/ops/tcp-proxy.js';
import { REPO_ROOT } from '../src/paths.js';

const REPLICAS = 2;
const config = loadConfig();
const log = createLogger(config.logLevel, { component: 'cluster' });
const secrets = await loadLocalSecrets(config.dataDir);
const embedded =
  'url' in config.database
    ? null
    : await startEmbeddedPostgres({ dir: config.database.dir, port: config.database.port, password: secrets.postgresPassword, log });
const databaseUrl = 'url' in config.database ? config.database.url : embedded!.url;
const basePort = config.port || 8080;

const replicas: ChildProcess[] = [];
const ports = Array.from({ length: REPLICAS }, (_, i) => basePort + 1 + i);
for (const [i, port] of ports.entries()) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TOKEN_SECRET: config.tokenSecret ?? secrets.tokenSecret,
      // Only the first replica migrates; the advisory lock would make it safe anyway.
      MIGRATE_ON_START: i === 0 ? 'true' : 'false',
    },
  });
  replicas.push(child);
  if (i === 0) await new Promise((resolve) => setTimeout(resolve, 3_000));
}
const proxy = await startTcpProxy(ports, { port: basePort, host: config.host, sticky: true });
log.info({ url: `http://127.0.0.1:${basePort}`, replicas: ports }, 'cluster ready: two replicas behind a sticky proxy');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await proxy.close();
  await Promise.all(
    replicas.map((child) =>
      child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')),
    ),
  );
  await embedded?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
