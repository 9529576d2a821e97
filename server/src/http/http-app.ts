// The Express app: security headers, CORS, the ops endpoints, /api/v1 and the built client, in that order.
import { isLive } from '../auth/identity.js';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { Metrics } from '../ops/metrics.js';
import type { Components, Services } from '../services.js';
import type { MonitorControl } from '../socket/monitor-namespace.js';
import type { SpeakerSessions } from '../socket/speaker-sessions.js';
import { createSentenceAdmin } from '../sentences/sentence-admin.js';
import { createReviewService } from '../supervisors/review.js';
import { createUserAdmin } from '../supervisors/user-admin.js';
import type { TakeNotifier } from '../takes/take-notifier.js';
import { createForgetSpeaker } from '../takes/forget-speaker.js';
import { apiNotFound, errorHandler } from './error-handler.js';
import { exportRoutes } from './export-routes.js';
import { ticketKey } from '../export/export-ticket.js';
import { sentenceUsageRepository } from '../db/sentence-usage-repository.js';
import { takeBulkReviewRepository } from '../db/take-bulk-review-repository.js';
import { limitsRoute } from './limits-route.js';
import { opsRoutes } from './ops-routes.js';
import { publicRoutes } from './public-routes.js';
import { identifyAndLimit } from './rate-limit.js';
import { speakerRoutes } from './speaker-routes.js';
import { staticClient } from './static-client.js';
import { supervisorRoutes } from './supervisor-routes.js';
import { takeRoutes } from './take-routes.js';
import { userRoutes } from './user-routes.js';
import { campaignRoutes } from './campaign-routes.js';

export interface HttpDeps extends Omit<Components, 'tokenSecret'> {
  metrics: Metrics;
  notifier: TakeNotifier;
  isDraining: () => boolean;
  services: Services;
  monitor: MonitorControl;
  sessions: SpeakerSessions;
}

/** Mounts every route on `app`, which already listens on the HTTP server (see app.ts). */
export function mountHttp(app: express.Express, deps: HttpDeps): void {
  const { config, log, db, store, metrics, services, monitor } = deps;
  const { repos } = services;
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
      isDraining: deps.isDraining,
      checks: { database: () => db.ping(), storage: () => store.ping() },
      refreshGauges: async () => {
        const counts = await repos.stats.countByState();
        metrics.takesByState.reset();
        for (const { state, count } of counts) metrics.takesByState.set({ state }, count);
        metrics.liveTranscodes.set(services.transcodes.size);
      },
    }),
  );
  const api = express.Router();
  api.use(identifyAndLimit(services.resolveIdentity, config.limits.restRequestsPerMinute));
  api.use(express.json({ limit: '64kb' }));
  api.use(publicRoutes({ speakers: repos.speakers, sentences: repos.sentences, login: services.login, speakersPerHourPerAddress: config.limits.speakersPerHourPerAddress, onLogout: (identity) => monitor.disconnectToken(identity) }));
  api.use(limitsRoute(config.limits));
  api.use(
    speakerRoutes({
      speakerTakes: repos.speakerTakes,
      forget: createForgetSpeaker({
        speakers: repos.speakers,
        speakerTakes: repos.speakerTakes,
        access: services.access,
        service: services.service,
        removeObjects: services.removeObjects,
        endSessions: (speakerId) => deps.sessions.end(speakerId, 'The speaker asked to be forgotten'),
      }),
    }),
  );
  api.use(
    takeRoutes({
      access: services.access,
      service: services.service,
      takes: repos.takes,
      store,
      maxChunkBytes: config.limits.maxChunkBytes,
      maxUploadBytes: config.limits.maxTakeSeconds * 64_000 + config.limits.maxChunkBytes,
    }),
  );
  api.use(
    supervisorRoutes({
      sentences: createSentenceAdmin({ sentences: repos.sentences, takes: repos.reviewTakes }),
      takes: repos.reviewTakes,
      review: createReviewService({ takes: repos.reviewTakes, bulk: takeBulkReviewRepository(db.pool), notifier: deps.notifier }),
      usage: sentenceUsageRepository(db.pool),
      deletions: repos.deletions,
      stats: repos.stats,
    }),
  );
  api.use(campaignRoutes({ admin: services.campaigns.admin, sessions: services.campaigns.sessions, redo: services.campaigns.redo }));
  api.use(userRoutes({ users: createUserAdmin({ users: repos.users, onDisabled: (userId) => monitor.disconnectUser(userId) }) }));
  api.use(exportRoutes({ pool: db.pool, store, pseudonymKey: services.keys.pseudonym, ticketKey: ticketKey(services.keys.jwt), issuerIsLive: async (issuer) => {
    const user = await repos.users.findForToken(issuer.userId, issuer.tokenId);
    return user !== null && isLive(user, issuer);
  }, log: log.child({ component: 'export' }) }));
  api.use(apiNotFound);
  app.use('/api/v1', api);
  app.use(staticClient(config.staticDir));
  app.use(errorHandler(log, metrics));
}
