// The socket attachment: the Socket.IO server on the HTTP server (with the PostgreSQL adapter when several
// replicas share the load), and its two namespaces, /record and /monitor, wired to the services.
import type http from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { Config } from '../config.js';
import { guardPool, type Database } from '../db/connection.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import { MONITOR_NAMESPACE, RECORD_NAMESPACE } from '../protocol/index.js';
import type { Services } from '../services.js';
import { attachMonitorNamespace } from './monitor-namespace.js';
import { originGuard } from './origin-guard.js';
import { attachRecordNamespace } from './record-namespace.js';
import { speakerSessions } from './speaker-sessions.js';
import type { SpeakerCampaigns } from './campaign-events.js';
import type { AppServer, InterServerEvents, NoEvents, SocketData } from './typed-io.js';

/** Call after the Express app listens on httpServer: Socket.IO wraps it and keeps /socket.io/ requests for itself. */
export function createSocketServer(httpServer: http.Server, deps: { config: Config; db: Database; log: Logger }) {
  const { config, db, log } = deps;
  const io: AppServer = new Server<NoEvents, NoEvents, InterServerEvents, SocketData>(httpServer, {
    maxHttpBufferSize: Math.max(4 * config.limits.maxChunkBytes, 1_000_000),
    cors: config.corsOrigins.length > 0 ? { origin: config.corsOrigins, credentials: true } : undefined,
    serveClient: false,
  });
  // The adapter gets its own small pool: its LISTEN client holds a connection for good.
  const adapterPool =
    config.socketAdapter === 'postgres' ? guardPool(new pg.Pool({ connectionString: db.url, max: 3 }), log, 'socket-adapter') : null;
  if (adapterPool) io.adapter(createAdapter(adapterPool, { tableName: 'socket_io_attachments' }));
  // Every client the adapter holds, so that shutdown can end one it never handed back (see closeAdapter).
  const adapterClients = new Set<pg.PoolClient>();
  adapterPool?.on('connect', (client) => adapterClients.add(client as pg.PoolClient));
  adapterPool?.on('remove', (client) => adapterClients.delete(client as pg.PoolClient));
  return {
    io,
    /** Bounded: after a PostgreSQL restart the adapter may never hand its LISTEN client back, and it holds no data. */
    async closeAdapter() {
      if (!adapterPool) return;
      await Promise.race([adapterPool.end(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      // A LISTEN client still held would be cut by the PostgreSQL stop that follows, and log an error: end it cleanly.
      await Promise.allSettled([...adapterClients].map((client) => client.end()));
    },
  };
}

export interface NamespaceDeps {
  config: Config;
  log: Logger;
  metrics: Metrics;
  services: Services;
  speakerCampaigns?: SpeakerCampaigns;
}

export function attachNamespaces(io: AppServer, httpServer: http.Server, deps: NamespaceDeps) {
  const { config, log, metrics, services } = deps;
  // Before each namespace's own authentication middleware, so that it runs first.
  for (const name of [RECORD_NAMESPACE, MONITOR_NAMESPACE]) io.of(name).use(originGuard(config.corsOrigins));
  const monitor = attachMonitorNamespace(io, {
    resolveIdentity: services.resolveIdentity,
    users: services.repos.users,
    takes: services.repos.reviewTakes,
    live: services.live,
    log: log.child({ component: 'monitor' }),
    metrics,
    campaigns: deps.speakerCampaigns,
  });
  httpServer.once('close', () => monitor.close());

  const socketLimiter = new RateLimiter(config.limits.socketEventsPerSecond);
  const record = attachRecordNamespace(io, {
    resolveIdentity: services.resolveIdentity,
    service: services.service,
    removeObjects: services.removeObjects,
    maxSocketsPerSpeaker: config.limits.maxSocketsPerSpeaker,
    ctx: {
      log: log.child({ component: 'record' }),
      metrics,
      allow: (socket) => socketLimiter.allow(`speaker:${socket.data.speaker!.id}`),
    },
  });
  return { monitor, sessions: speakerSessions(record, log.child({ component: 'record' })) };
}
