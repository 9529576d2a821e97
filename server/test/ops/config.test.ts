import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('when nothing is set, then embedded PostgreSQL, a local store under DATA_DIR and the documented limits', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/emovox-config-test' });
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ embedded: true, dir: '/tmp/emovox-config-test/postgres', port: 0 });
    expect(config.storage).toEqual({ kind: 'local', rootDir: '/tmp/emovox-config-test/objects' });
    expect(config.limits).toMatchObject({ maxChunkBytes: 262_144, maxTakeSeconds: 60, maxActiveTakes: 3 });
    expect(config.migrateOnStart).toBe(true);
    expect(config.tokenSecret).toBeUndefined();
    expect(config.ffmpegNice).toBe(10);
    expect(config.spoolDir).toBe(os.tmpdir());
    expect(loadConfig({ DATA_DIR: '/tmp/emovox-config-test', SPOOL_DIR: '/dev/shm' }).spoolDir).toBe('/dev/shm');
    expect(() => loadConfig({ DATA_DIR: '/tmp/emovox-config-test', FFMPEG_NICE: '20' })).toThrow(ConfigError);
    expect(config.heapGrowingPercent).toBe(100);
    expect(loadConfig({ DATA_DIR: '/tmp/emovox-config-test', HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ DATA_DIR: '/tmp/emovox-config-test', HEAP_GROWING_PERCENT: '-5' })).toThrow(ConfigError);
  });

  it('when UNDECODABLE_RETENTION_HOURS is unset, then undecodable takes keep their audio for one hour; it must be positive', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/emovox-config-test' }).undecodableRetentionMs).toBe(3_600_000);
    expect(loadConfig({ DATA_DIR: '/tmp/emovox-config-test', UNDECODABLE_RETENTION_HOURS: '0.25' }).undecodableRetentionMs).toBe(900_000);
    expect(() => loadConfig({ DATA_DIR: '/tmp/emovox-config-test', UNDECODABLE_RETENTION_HOURS: '0' })).toThrow(ConfigError);
  });

  it('when GCS_BUCKET is set, then the GCS store with the project and emulator endpoint', () => {
    const config = loadConfig({ GCS_BUCKET: 'takes', GCS_PROJECT_ID: 'p1', STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9' });
    expect(config.storage).toEqual({ kind: 'gcs', bucket: 'takes', projectId: 'p1', apiEndpoint: 'http://127.0.0.1:9' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MAX_CHUNK_BYTES: '12' }, 'MAX_CHUNK_BYTES'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ MIGRATE_ON_START: 'maybe' }, 'MIGRATE_ON_START'],
    [{ TOKEN_SECRET: 'short' }, 'TOKEN_SECRET'],
    [{ ADMIN_EMAIL: 'a@b.c' }, 'ADMIN_EMAIL and ADMIN_PASSWORD go together'],
  ])('when %o, then start-up stops with a message naming it', (env, named) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(named);
  });

  it('when NODE_ENV is production, then a token secret, a database URL, a bucket and a metrics token are required', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /TOKEN_SECRET is required[\s\S]*DATABASE_URL is required[\s\S]*GCS_BUCKET is required[\s\S]*METRICS_TOKEN is required/,
    );
    const production = {
      NODE_ENV: 'production',
      TOKEN_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://u:p@db:5432/emovox',
      GCS_BUCKET: 'takes',
      GCS_PROJECT_ID: 'p1',
    };
    expect(() => loadConfig(production)).toThrow(/METRICS_TOKEN is required in production/);
    const config = loadConfig({ ...production, METRICS_TOKEN: 'scrape' });
    expect(config.env).toBe('production');
  });

  it('when TOKEN_SECRET_PREVIOUS is set, then it must be long enough and go with TOKEN_SECRET', () => {
    expect(() => loadConfig({ TOKEN_SECRET_PREVIOUS: 'short' })).toThrow(/TOKEN_SECRET_PREVIOUS must be at least 32 characters/);
    expect(() => loadConfig({ TOKEN_SECRET_PREVIOUS: 'p'.repeat(40) })).toThrow(/TOKEN_SECRET_PREVIOUS goes with TOKEN_SECRET/);
    expect(loadConfig({ TOKEN_SECRET: 'x'.repeat(40), TOKEN_SECRET_PREVIOUS: 'p'.repeat(40) }).tokenSecretPrevious).toBe('p'.repeat(40));
  });

  it('when DATASET_LICENSE is unset, then the dataset card says other; an SPDX id is taken, free text is refused', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/emovox-config-test' }).datasetLicense).toBe('other');
    expect(loadConfig({ DATA_DIR: '/tmp/emovox-config-test', DATASET_LICENSE: 'cc-by-4.0' }).datasetLicense).toBe('cc-by-4.0');
    expect(() => loadConfig({ DATA_DIR: '/tmp/emovox-config-test', DATASET_LICENSE: 'free for all' })).toThrow(/DATASET_LICENSE/);
  });
});
