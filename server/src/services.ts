// Service wiring: repositories, use cases and the background work (finalize jobs, stale sweep), with no
// transport in sight. app.ts hands it the notifier that reaches sockets; the HTTP and socket entry points use it.
import { identityResolver } from './auth/identity.js';
import { deriveKeys, jwtKeys, receiptKeys } from './auth/keys.js';
import { isValidReceipt, receiptFor } from './auth/receipts.js';
import { createCampaignServices } from './campaigns/campaign-services.js';
import type { CampaignEvents } from './campaigns/campaign-progress.js';
import type { Config } from './config.js';
import { accountSecurityRepository } from './db/account-security-repository.js';
import { chunkRepository } from './db/chunk-repository.js';
import { CHUNK_WRITES_AT_ONCE, type Database } from './db/connection.js';
import { deletionRepository } from './db/deletion-repository.js';
import { sentenceRepository } from './db/sentence-repository.js';
import { speakerRepository } from './db/speaker-repository.js';
import { speakerTakeRepository } from './db/speaker-take-repository.js';
import { statsRepository } from './db/stats-repository.js';
import { takeRepository } from './db/take-repository.js';
import { sweepTakes } from './db/take-sweep.js';
import { takeReviewRepository } from './db/take-review-repository.js';
import { userRepository } from './db/user-repository.js';
import { FinalizeQueue } from './jobs/finalize-queue.js';
import { listenAssignmentRepository } from './db/listen-assignment-repository.js';
import { ratingRepository } from './db/rating-repository.js';
import { perceptionStatsRepository } from './db/perception-stats-repository.js';
import { pseudonymousSpeakerId } from './export/metadata.js';
import { createListeningService, type RatingNotifier } from './listening/listening-service.js';
import type { Logger } from './logger.js';
import { FfmpegRunner } from './media/index.js';
import type { Metrics } from './ops/metrics.js';
import { REPO_ROOT } from './paths.js';
import type { ObjectStore } from './storage/index.js';
import { createLoginService } from './supervisors/login.js';
import { ChunkDropper } from './takes/chunk-dropper.js';
import { ChunkStager } from './takes/chunk-stager.js';
import { Finalizer } from './takes/finalizer.js';
import { LiveTakes } from './takes/live-takes.js';
import { LiveTranscodes, removeStaleSpools } from './takes/live-transcodes.js';
import { TranscodeSlots } from './takes/transcode-slots.js';
import { StaleSweeper } from './takes/stale-sweeper.js';
import { createTakeAccess } from './takes/take-access.js';
import type { TakeNotifier } from './takes/take-notifier.js';
import { createTakeService } from './takes/take-service.js';

/** What the application is built from: main.ts and the tests open these. */
export interface Components {
  config: Config;
  log: Logger;
  db: Database;
  store: ObjectStore;
  tokenSecret: string;
}

export interface ServiceDeps extends Components {
  metrics: Metrics;
  notifier: TakeNotifier & RatingNotifier;
  isDraining: () => boolean;
  /** Where campaign progress and redo requests go (monitor:campaign, take:redo). */
  campaignEvents: CampaignEvents;
}

export function createServices(deps: ServiceDeps) {
  const { config, log, db, store, metrics } = deps;
  // Campaign progress moves with takes: every take change passes by it (see campaigns/campaign-progress.ts).
  const campaigns = createCampaignServices({ pool: db.pool, events: deps.campaignEvents, notifier: deps.notifier, log: log.child({ component: 'campaigns' }) });
  const { notifier } = campaigns;
  const keys = deriveKeys(deps.tokenSecret, config.tokenSecretPrevious);
  const repos = {
    takes: takeRepository(db.pool),
    sentences: sentenceRepository(db.models),
    speakers: speakerRepository(db.models),
    users: userRepository(db.models),
    deletions: deletionRepository(db.models, db.pool),
    reviewTakes: takeReviewRepository(db.pool),
    speakerTakes: speakerTakeRepository(db.pool),
    stats: statsRepository(db.pool, perceptionStatsRepository(db.pool, { pseudonym: (id) => pseudonymousSpeakerId(keys.pseudonym, id), rule: config.listening })),
    ratings: ratingRepository(db.pool),
  };
  const resolveIdentity = identityResolver({ speakers: repos.speakers, users: repos.users, jwtKeys: jwtKeys(keys) });
  const login = createLoginService({
    users: repos.users,
    security: accountSecurityRepository(db.pool),
    jwtKey: keys.jwt,
    tokenTtlMs: config.supervisorTokenMs,
    log: log.child({ component: 'login' }),
  });
  const removeObjects = (prefix: string) => store.deletePrefix(prefix);

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
  const launcher = ffmpegRunner ? { launcher: ffmpegRunner.launch } : {};
  // One set of quality thresholds, for the live measures and the batch ones alike.
  const thresholds = { maxDurationMs: config.limits.maxTakeSeconds * 1000 };
  const transcodes = new LiveTranscodes({
    max: config.liveTranscodeMax,
    log: log.child({ component: 'live-transcode' }),
    ...launcher,
    spoolDir: config.spoolDir,
    thresholds,
  });
  void removeStaleSpools(config.spoolDir).then((removed) => {
    if (removed > 0) log.info({ removed }, 'stale live-take spool files removed');
  });
  const savedChunks = new ChunkDropper((takeIds) => repos.takes.dropSavedChunks(takeIds), log.child({ component: 'chunk-dropper' }));
  const finalizer = new Finalizer({
    takes: repos.takes,
    store,
    notifier,
    metrics,
    log: log.child({ component: 'finalizer' }),
    options: { thresholds, leaseMs: config.finalizeLeaseMs, maxTakeSeconds: config.limits.maxTakeSeconds, ...launcher },
    live: transcodes,
    slots: new TranscodeSlots(config.batchTranscodeMax),
    chunks: savedChunks,
  });
  const service = createTakeService({
    takes: repos.takes,
    sentences: repos.sentences,
    stager: new ChunkStager(chunkRepository(db.chunkPool), CHUNK_WRITES_AT_ONCE),
    finalizer,
    enqueueFinalize: (takeId) => queue.enqueue(takeId),
    live,
    transcodes,
    notifier,
    metrics,
    limits: config.limits,
    receiptFor: (takeId) => receiptFor(keys.receipt, takeId),
    isDraining: deps.isDraining,
    prompts: campaigns.sessions,
  });
  const sweeper = new StaleSweeper({
    store: {
      sweep: (times) => sweepTakes(db.pool, times),
      expireUndecodableAudio: (takeId) => repos.takes.expireUndecodableAudio(takeId),
    },
    log: log.child({ component: 'sweeper' }),
    options: {
      intervalMs: config.sweepIntervalMs,
      staleAfterMs: config.staleTakeMs,
      leftAfterMs: config.leftTakeMs,
      retentionMs: config.stagedRetentionMs,
      undecodableRetentionMs: config.undecodableRetentionMs,
    },
    hooks: {
      changed: (takeId) => service.announce(takeId),
      finalize: (takeId) => queue.enqueue(takeId, 0),
      removeObjects,
      releaseEnded: () => service.releaseEnded(),
    },
  });
  const access = createTakeAccess({
    takes: repos.takes,
    deletions: repos.deletions,
    store,
    isValidReceipt: (takeId, receipt) => isValidReceipt(receiptKeys(keys), takeId, receipt),
    release: (takeId) => service.release(takeId),
    notifier,
  });

  const listening = createListeningService({
    assignments: listenAssignmentRepository(db.pool),
    ratings: repos.ratings,
    notifier,
    config: config.listening,
  });

  return {
    keys,
    listening,
    repos,
    resolveIdentity,
    login,
    live,
    /** Live takes' ffmpegs and spool files (their count is a gauge). */
    transcodes,
    service,
    access,
    removeObjects,
    campaigns,
    notifier,
    /** Background work: the durable finalize job and the stale sweep. */
    async startBackground() {
      await ffmpegRunner?.warm();
      await queue.start((takeId) => finalizer.run(takeId));
      sweeper.start();
    },
    async stopBackground(timeoutMs: number) {
      await sweeper.stop();
      await finalizer.drain(timeoutMs);
      await savedChunks.flush();
      await transcodes.abortAll(); // their ffmpegs killed and spool files gone before the runners close
      await queue.stop(timeoutMs);
      ffmpegRunner?.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
