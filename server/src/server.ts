// Starts everything a replica needs from a Config, and stops it in the right order.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApplication, type Application } from './app.js';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { openDatabase } from './db/open-database.js';
import type { Logger } from './logger.js';
import { createObjectStore, type ObjectStore } from './storage/index.js';

export interface RunningServer {
  url: string;
  port: number;
  application: Application;
  db: Database;
  store: ObjectStore;
  /** Graceful: drain, let finalizes finish, close sockets, database and embedded Postgres. */
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  log: Logger,
  overrides: { store?: ObjectStore } = {},
): Promise<RunningServer> {
  const started = performance.now();
  const opened = await openDatabase(config, log, { poolMax: 20, shareRunningEmbedded: false });
  const { db, tokenSecret } = opened;
  try {
    const store = overrides.store ?? createObjectStore(config.storage);
    const httpServer = http.createServer();
    httpServer.keepAliveTimeout = 65_000; // longer than the load balancer keeps idle connections
    const application = createApplication(httpServer, { config, log, db, store, tokenSecret });
    if (config.admin) {
      await application.login.ensureAccount(config.admin.email, config.admin.password, 'admin');
      log.info({ email: config.admin.email }, 'admin account ensured');
    }
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    await application.startBackground();
    log.info(
      { port, storage: store.kind, database: opened.embedded ? 'embedded' : 'external', startMs: Math.round(performance.now() - started) },
      'listening',
    );
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host}:${port}`,
      port,
      application,
      db,
      store,
      close() {
        closing ??= (async () => {
          const step = async (name: string, work: () => Promise<unknown>) => {
            const at = performance.now();
            await work();
            log.debug({ step: name, ms: Math.round(performance.now() - at) }, 'shutdown step');
          };
          application.startDraining();
          await step('background', () => application.stopBackground(config.shutdownGraceMs));
          // Closing the engine connections (not socket.disconnect()) lets clients reconnect elsewhere.
          await step('sockets', () => new Promise<void>((resolve) => application.io.close(() => resolve())));
          httpServer.closeAllConnections();
          await step('adapter', () => application.closeAdapter());
          await step('database', () => opened.close());
          log.info('stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
