// The one place that reads process.env. Everything else receives a typed Config.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, '.data')),
  STATIC_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'client', 'dist')),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  GCS_BUCKET: optionalText,
  GCS_PROJECT_ID: optionalText,
  STORAGE_EMULATOR_HOST: optionalText,
  TOKEN_SECRET: optionalText.pipe(z.string().min(32, 'TOKEN_SECRET must be at least 32 characters').optional()),
  TOKEN_SECRET_PREVIOUS: optionalText.pipe(z.string().min(32, 'TOKEN_SECRET_PREVIOUS must be at least 32 characters').optional()),
  CORS_ORIGINS: csv.default([]),
  TRUST_PROXY: z.string().default('false'),
  METRICS_TOKEN: optionalText,
  MAX_CHUNK_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(256 * 1024),
  MAX_TAKE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MAX_ACTIVE_TAKES: z.coerce.number().int().min(1).max(100).default(3),
  TAKES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(200),
  REST_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  SPEAKERS_PER_HOUR_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(60),
  MAX_SOCKETS_PER_SPEAKER: z.coerce.number().int().min(1).max(10_000).default(10),
  ADMIN_EMAIL: optionalText,
  ADMIN_PASSWORD: optionalText,
  MIGRATE_ON_START: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FINALIZE_RETRY_BASE_SECONDS: seconds(1),
  FINALIZE_LEASE_SECONDS: seconds(60),
  FINALIZE_JOB_DELAY_SECONDS: seconds(10),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  STALE_TAKE_SECONDS: seconds(15 * 60),
  SWEEP_INTERVAL_SECONDS: seconds(30),
  STAGED_RETENTION_HOURS: seconds(72),
  UNDECODABLE_RETENTION_HOURS: seconds(1),
  FFMPEG_RUNNER: z.enum(['process', 'inline']).default('process'),
  FFMPEG_RUNNERS: z.coerce.number().int().min(1).max(32).default(4),
  FFMPEG_NICE: z.coerce.number().int().min(0).max(19).default(10),
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1000).default(100),
  LIVE_TRANSCODE_MAX: z.coerce.number().int().min(0).max(10_000).default(256),
  BATCH_TRANSCODE_MAX: z.coerce.number().int().min(1).max(1_000).default(8),
  SPOOL_DIR: z.string().min(1).optional(),
  SOCKET_ADAPTER: z.enum(['postgres', 'memory']).default('postgres'),
  SHUTDOWN_GRACE_SECONDS: seconds(25),
  SUPERVISOR_TOKEN_HOURS: seconds(12),
  LEFT_TAKE_SECONDS: seconds(60),
  RATINGS_TARGET: z.coerce.number().int().min(1).max(1000).default(5),
  GOLD_MIN: z.coerce.number().int().min(1).max(1000).default(4),
  GOLD_PASS: z.coerce.number().min(0).max(1).default(0.5),
  LISTEN_ASSIGNMENT_SECONDS: seconds(600),
  LISTEN_GOLD_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  LISTEN_REPEAT_SHARE: z.coerce.number().min(0).max(1).default(0.05),
  DATASET_LICENSE: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, 'DATASET_LICENSE must be an SPDX license id or other').default('other'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  database: { url: string } | { embedded: true; dir: string; port: number };
  storage:
    | { kind: 'local'; rootDir: string }
    | { kind: 'gcs'; bucket: string; projectId: string; apiEndpoint?: string };
  /** Undefined only outside production: then a secret is generated once and kept in DATA_DIR. */
  tokenSecret: string | undefined;
  /** The secret before a rotation: tokens and receipts made under it still verify; nothing new is signed with it. */
  tokenSecretPrevious: string | undefined;
  corsOrigins: string[];
  trustProxy: boolean | number | string;
  metricsToken: string | undefined;
  limits: {
    maxChunkBytes: number;
    maxTakeSeconds: number;
    maxActiveTakes: number;
    takesPerMinute: number;
    socketEventsPerSecond: number;
    restRequestsPerMinute: number;
    /** POST /speakers per client address (req.ip, after TRUST_PROXY) per hour, all at once at most. */
    speakersPerHourPerAddress: number;
    /** /record sockets one speaker may hold on one replica. */
    maxSocketsPerSpeaker: number;
  };
  admin: { email: string; password: string } | undefined;
  migrateOnStart: boolean;
  logLevel: Env['LOG_LEVEL'];
  finalizeRetryBaseMs: number;
  finalizeLeaseMs: number;
  finalizeJobDelayMs: number;
  jobPollMs: number;
  staleTakeMs: number;
  sweepIntervalMs: number;
  stagedRetentionMs: number;
  /** How long a take that failed as undecodable keeps its original and staged chunks. */
  undecodableRetentionMs: number;
  /** process: ffmpeg is spawned by a small runner process, off the event loop; inline: by the server. */
  ffmpegRunner: 'process' | 'inline';
  /** How many runner processes share the spawns (each spawn blocks its runner for milliseconds). */
  ffmpegRunners: number;
  ffmpegNice: number;
  /** V8's old-generation growth after a full GC, in percent; 0 leaves V8's own. */
  heapGrowingPercent: number;
  /** At most this many takes transcode live (one ffmpeg each); 0 turns live transcoding off. */
  liveTranscodeMax: number;
  batchTranscodeMax: number;
  /** Where live takes keep their original and WAV while they record; default the OS temp directory. */
  spoolDir: string;
  /** postgres: events reach sockets on every replica; memory: a single process. */
  socketAdapter: 'postgres' | 'memory';
  shutdownGraceMs: number;
  supervisorTokenMs: number;
  /** A take still recording when its speaker's page said goodbye is swept this long after, unless resumed. */
  leftTakeMs: number;
  /** Listening (wire contract v1.1): assignment and the gold rule. */
  listening: ListeningConfig;
  /** The exported dataset card's license: an SPDX id (cc-by-4.0, …) or `other`. */
  datasetLicense: string;
}

export interface ListeningConfig {
  ratingsTarget: number;
  goldMin: number;
  goldPass: number;
  assignmentMs: number;
  /** The share of assignments that are gold takes (when any exist) and declared repeats. */
  goldShare: number;
  repeatShare: number;
}

export class ConfigError extends Error {}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !env.TOKEN_SECRET) problems.push('TOKEN_SECRET is required in production');
  if (production && !env.DATABASE_URL) problems.push('DATABASE_URL is required in production (no embedded PostgreSQL)');
  if (production && !env.GCS_BUCKET) problems.push('GCS_BUCKET is required in production (no local object store)');
  if (production && !env.METRICS_TOKEN) problems.push('METRICS_TOKEN is required in production (/metrics is not public)');
  if (env.TOKEN_SECRET_PREVIOUS && !env.TOKEN_SECRET) problems.push('TOKEN_SECRET_PREVIOUS goes with TOKEN_SECRET');
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together');
  }
  if (env.ADMIN_PASSWORD && env.ADMIN_PASSWORD.length < 10) problems.push('ADMIN_PASSWORD must be at least 10 characters');
  if (env.GCS_BUCKET && !env.GCS_PROJECT_ID && !env.STORAGE_EMULATOR_HOST) {
    problems.push('GCS_PROJECT_ID is required with GCS_BUCKET');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  const dataDir = path.resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    staticDir: path.resolve(env.STATIC_DIR),
    database: env.DATABASE_URL
      ? { url: env.DATABASE_URL }
      : { embedded: true, dir: path.join(dataDir, 'postgres'), port: env.EMBEDDED_PG_PORT },
    storage: env.GCS_BUCKET
      ? {
          kind: 'gcs',
          bucket: env.GCS_BUCKET,
          projectId: env.GCS_PROJECT_ID ?? 'emovox-local',
          ...(env.STORAGE_EMULATOR_HOST ? { apiEndpoint: env.STORAGE_EMULATOR_HOST } : {}),
        }
      : { kind: 'local', rootDir: path.join(dataDir, 'objects') },
    tokenSecret: env.TOKEN_SECRET,
    tokenSecretPrevious: env.TOKEN_SECRET_PREVIOUS,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN,
    limits: {
      maxChunkBytes: env.MAX_CHUNK_BYTES,
      maxTakeSeconds: env.MAX_TAKE_SECONDS,
      maxActiveTakes: env.MAX_ACTIVE_TAKES,
      takesPerMinute: env.TAKES_PER_MINUTE,
      socketEventsPerSecond: env.SOCKET_EVENTS_PER_SECOND,
      restRequestsPerMinute: env.REST_REQUESTS_PER_MINUTE,
      speakersPerHourPerAddress: env.SPEAKERS_PER_HOUR_PER_ADDRESS,
      maxSocketsPerSpeaker: env.MAX_SOCKETS_PER_SPEAKER,
    },
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    migrateOnStart: env.MIGRATE_ON_START,
    logLevel: env.LOG_LEVEL,
    finalizeRetryBaseMs: env.FINALIZE_RETRY_BASE_SECONDS * 1000,
    finalizeLeaseMs: env.FINALIZE_LEASE_SECONDS * 1000,
    finalizeJobDelayMs: env.FINALIZE_JOB_DELAY_SECONDS * 1000,
    jobPollMs: env.JOB_POLL_SECONDS * 1000,
    staleTakeMs: env.STALE_TAKE_SECONDS * 1000,
    sweepIntervalMs: env.SWEEP_INTERVAL_SECONDS * 1000,
    stagedRetentionMs: env.STAGED_RETENTION_HOURS * 3600 * 1000,
    undecodableRetentionMs: env.UNDECODABLE_RETENTION_HOURS * 3600 * 1000,
    ffmpegRunner: env.FFMPEG_RUNNER,
    ffmpegRunners: env.FFMPEG_RUNNERS,
    ffmpegNice: env.FFMPEG_NICE,
    heapGrowingPercent: env.HEAP_GROWING_PERCENT,
    liveTranscodeMax: env.LIVE_TRANSCODE_MAX,
    batchTranscodeMax: env.BATCH_TRANSCODE_MAX,
    spoolDir: env.SPOOL_DIR ?? os.tmpdir(),
    socketAdapter: env.SOCKET_ADAPTER,
    shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
    supervisorTokenMs: env.SUPERVISOR_TOKEN_HOURS * 3600 * 1000,
    leftTakeMs: env.LEFT_TAKE_SECONDS * 1000,
    listening: {
      ratingsTarget: env.RATINGS_TARGET,
      goldMin: env.GOLD_MIN,
      goldPass: env.GOLD_PASS,
      assignmentMs: env.LISTEN_ASSIGNMENT_SECONDS * 1000,
      goldShare: env.LISTEN_GOLD_SHARE,
      repeatShare: env.LISTEN_REPEAT_SHARE,
    },
    datasetLicense: env.DATASET_LICENSE,
  };
}
