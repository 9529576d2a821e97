// Builds the whole application on an HTTP server without listening: main.ts and tests both use it.
import type http from 'node:http';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';
import { identityResolver } from './auth/identity.js';
import { deriveKeys, jwtKeys, receiptKeys } from './auth/keys.js';
import { isValidReceipt, receiptFor } from './auth/receipts.js';
import type { Config } from './config.js';
import { guardPool, type Database } from './db/connection.js';
import { accountSecurityRepository } from './db/account-security-repository.js';
import { deletionRepository } from './db/deletion-repository.js';
import { sentenceRepository } from './db/sentence-repository.js';
import { speakerRepository } from './db/speaker-repository.js';
import { takeRepository } from './db/take-repository.js';
import { userRepository } from './db/user-repository.js';
import { apiNotFound, errorHandler } from './http/error-handler.js';
import { opsRoutes } from './http/ops-routes.js';
import { limitsRoute } from './http/limits-route.js';
import { publicRoutes } from './http/public-routes.js';
import { identifyAndLimit } from './http/rate-limit.js';
import { staticClient } from './http/static-client.js';
import { takeRoutes } from './http/take-routes.js';
import { speakerRoutes } from './http/speaker-routes.js';
import { speakerTakeRepository } from './db/speaker-take-repository.js';
import { speakerSessions } from './socket/speaker-sessions.js';
import { createForgetSpeaker } from './takes/forget-speaker.js';
import type { Logger } from './logger.js';
import { FinalizeQueue } from './jobs/finalize-queue.js';
import { FfmpegRunner } from './media/index.js';
import { REPO_ROOT } from './paths.js';
import { createMetrics } from './ops/metrics.js';
import { attachRecordNamespace } from './socket/record-namespace.js';
import { originGuard } from './socket/origin-guard.js';
import { MONITOR_NAMESPACE, RECORD_NAMESPACE } from './protocol/index.js';
import { attachMonitorNamespace } from './socket/monitor-namespace.js';
import { statsRepository } from './db/stats-repository.js';
import { takeReviewRepository } from './db/take-review-repository.js';
import { exportRoutes } from './http/export-routes.js';
import { supervisorRoutes } from './http/supervisor-routes.js';
import { userRoutes } from './http/user-routes.js';
import { createSentenceAdmin } from './sentences/sentence-admin.js';
import { createReviewService } from './supervisors/review.js';
import { createUserAdmin } from './supervisors/user-admin.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { socketNotifier } from './socket/socket-notifier.js';
import type { ObjectStore } from './storage/index.js';
import { createLoginService } from './supervisors/login.js';
import { ChunkStager } from './takes/chunk-stager.js';
import { Finalizer } from './takes/finalizer.js';
import { LiveTakes } from './takes/live-takes.js';
import { LiveTranscodes, removeStaleSpools } from './takes/live-transcodes.js';
import { StaleSweeper } from './takes/stale-sweeper.js';
import { createTakeAccess } from './takes/take-access.js';
import { createTakeService } from './takes/take-service.js';

export interface Components {
  config: Config;
  log: Logger;
  db: Database;
  store: ObjectStore;
  tokenSecret: string;
}

export function createApplication(httpServer: http.Server, components: Components) {
  const { config, log, db, store } = components;
  const keys = deriveKeys(components.tokenSecret, config.tokenSecretPrevious);
  const metrics = createMetrics();
  let draining = false;
  const isDraining = () => draining;

  const repos = {
    takes: takeRepository(db.pool),
    sentences: sentenceRepository(db.models),
    speakers: speakerRepository(db.models),
    users: userRepository(db.models),
    deletions: deletionRepository(db.models),
  };
  const resolveIdentity = identityResolver({ speakers: repos.speakers, users: repos.users, jwtKeys: jwtKeys(keys) });
  const login = createLoginService({
    users: repos.users,
    security: accountSecurityRepository(db.pool),
    jwtKey: keys.jwt,
    tokenTtlMs: config.supervisorTokenMs,
    log: log.child({ component: 'login' }),
  });

  // Express first, so that Socket.IO wraps it and keeps /socket.io/ requests for itself.
  const app = express();
  httpServer.on('request', app);
  const io = new Server(httpServer, {
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
  const notifier = socketNotifier(io);
  const queue = new FinalizeQueue(
    {
      databaseUrl: db.url,
      delaySeconds: config.finalizeJobDelayMs / 1000,
      retryDelaySeconds: Math.max(1, Math.round(config.finalizeRetryBaseMs / 1000)),
      pollSeconds: config.jobPollMs / 1000,
    },
    log.child({ component: 'jobs' }),
  );
  const live = new LiveTakes();
  const ffmpegRunner = config.ffmpegRunner === 'process' ? new FfmpegRunner({ cwd: REPO_ROOT, processes: config.ffmpegRunners, nice: config.ffmpegNice }) : null;
  // One set of quality thresholds, for the live measures and the batch ones alike.
  const thresholds = { maxDurationMs: config.limits.maxTakeSeconds * 1000 };
  const transcodes = new LiveTranscodes({
    max: config.liveTranscodeMax,
    log: log.child({ component: 'live-transcode' }),
    ...(ffmpegRunner ? { launcher: ffmpegRunner.launch } : {}),
    spoolDir: config.spoolDir,
    thresholds,
  });
  void removeStaleSpools(config.spoolDir).then((removed) => {
    if (removed > 0) log.info({ removed }, 'stale live-take spool files removed');
  });
  const finalizer = new Finalizer(repos.takes, store, notifier, metrics, log.child({ component: 'finalizer' }), {
    thresholds,
    leaseMs: config.finalizeLeaseMs,
    maxTakeSeconds: config.limits.maxTakeSeconds,
    ...(ffmpegRunner ? { launcher: ffmpegRunner.launch } : {}),
  }, transcodes);
  const service = createTakeService({
    takes: repos.takes,
    sentences: repos.sentences,
    stager: new ChunkStager(db.pool),
    finalizer,
    enqueueFinalize: (takeId) => queue.enqueue(takeId),
    live,
    transcodes,
    notifier,
    metrics,
    limits: config.limits,
    receiptFor: (takeId) => receiptFor(keys.receipt, takeId),
    isDraining,
  });
  const sweeper = new StaleSweeper(
    db.pool,
    log.child({ component: 'sweeper' }),
    {
      intervalMs: config.sweepIntervalMs,
      staleAfterMs: config.staleTakeMs,
      retentionMs: config.stagedRetentionMs,
      undecodableRetentionMs: config.undecodableRetentionMs,
    },
    {
      changed: (takeId) => service.announce(takeId),
      finalize: (takeId) => queue.enqueue(takeId, 0),
      removeObjects: (prefix) => store.deletePrefix(prefix),
    },
  );
  const access = createTakeAccess({
    takes: repos.takes,
    pool: db.pool,
    store,
    isValidReceipt: (takeId, receipt) => isValidReceipt(receiptKeys(keys), takeId, receipt),
  });

  const reviewTakes = takeReviewRepository(db.pool);
  // Before each namespace's own authentication middleware, so that it runs first.
  for (const name of [RECORD_NAMESPACE, MONITOR_NAMESPACE]) io.of(name).use(originGuard(config.corsOrigins));
  const monitor = attachMonitorNamespace(io, {
    resolveIdentity,
    users: repos.users,
    takes: reviewTakes,
    live,
    log: log.child({ component: 'monitor' }),
    metrics,
  });
  httpServer.once('close', () => monitor.close());

  const socketLimiter = new RateLimiter(config.limits.socketEventsPerSecond);
  const recordNsp = attachRecordNamespace(io, {
    resolveIdentity,
    service,
    removeObjects: (prefix) => store.deletePrefix(prefix),
    maxSocketsPerSpeaker: config.limits.maxSocketsPerSpeaker,
    ctx: {
      log: log.child({ component: 'record' }),
      metrics,
      allow: (socket) => socketLimiter.allow(`speaker:${(socket.data.speaker as { id: string }).id}`),
    },
  });

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'media-src': ["'self'", 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );
  if (config.corsOrigins.length > 0) app.use(cors({ origin: config.corsOrigins, credentials: true }));
  app.use(
    opsRoutes({
      metrics,
      metricsToken: config.metricsToken,
      isDraining,
      checks: { database: () => db.ping(), storage: () => store.ping() },
      refreshGauges: async () => {
        const result = await db.pool.query('SELECT state, count(*)::int AS n FROM takes GROUP BY state');
        metrics.takesByState.reset();
        for (const row of result.rows) metrics.takesByState.set({ state: row.state as string }, row.n as number);
      },
    }),
  );
  const api = express.Router();
  api.use(identifyAndLimit(resolveIdentity, config.limits.restRequestsPerMinute));
  api.use(express.json({ limit: '64kb' }));
  api.use(publicRoutes({ speakers: repos.speakers, sentences: repos.sentences, login, speakersPerHourPerAddress: config.limits.speakersPerHourPerAddress, onLogout: (identity) => monitor.disconnectToken(identity) }));
  api.use(limitsRoute(config.limits));
  const sessions = speakerSessions(recordNsp, log.child({ component: 'record' }));
  const speakerTakes = speakerTakeRepository(db.pool);
  api.use(
    speakerRoutes({
      speakerTakes,
      forget: createForgetSpeaker({
        speakers: repos.speakers,
        speakerTakes,
        access,
        service,
        removeObjects: (prefix) => store.deletePrefix(prefix),
        endSessions: (speakerId) => sessions.end(speakerId, 'The speaker asked to be forgotten'),
      }),
    }),
  );
  api.use(
    takeRoutes({
      access,
      service,
      takes: repos.takes,
      store,
      maxChunkBytes: config.limits.maxChunkBytes,
      maxUploadBytes: config.limits.maxTakeSeconds * 64_000 + config.limits.maxChunkBytes,
    }),
  );
  api.use(
    supervisorRoutes({
      sentences: createSentenceAdmin({ sentences: repos.sentences, takes: reviewTakes }),
      takes: reviewTakes,
      review: createReviewService({ takes: reviewTakes, notifier }),
      deletions: repos.deletions,
      stats: statsRepository(db.pool),
    }),
  );
  api.use(userRoutes({ users: createUserAdmin({ users: repos.users, onDisabled: (userId) => monitor.disconnectUser(userId) }) }));
  api.use(exportRoutes({ pool: db.pool, store, pseudonymKey: keys.pseudonym, log: log.child({ component: 'export' }) }));
  api.use(apiNotFound);
  app.use('/api/v1', api);
  app.use(staticClient(config.staticDir));
  app.use(errorHandler(log, metrics));

  return {
    app,
    io,
    metrics,
    repos,
    service,
    finalizer,
    sweeper,
    login,
    keys,
    isDraining,
    /** Background work: the durable finalize job and the stale sweep. */
    async startBackground() {
      await ffmpegRunner?.warm();
      await queue.start((takeId) => finalizer.run(takeId));
      sweeper.start();
    },
    async stopBackground(timeoutMs: number) {
      await sweeper.stop();
      await finalizer.drain(timeoutMs);
      transcodes.abortAll();
      await queue.stop(timeoutMs);
      ffmpegRunner?.close();
    },
    /** Bounded: after a PostgreSQL restart the adapter may never hand its LISTEN client back, and it holds no data. */
    async closeAdapter() {
      if (!adapterPool) return;
      await Promise.race([adapterPool.end(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      // A LISTEN client still held would be cut by the PostgreSQL stop that follows, and log an error: end it cleanly.
      await Promise.allSettled([...adapterClients].map((client) => client.end()));
    },
    /** Refuse new takes and report not-ready, so the load balancer moves traffic elsewhere. */
    startDraining() {
      draining = true;
    },
  };
}

export type Application = ReturnType<typeof createApplication>;
