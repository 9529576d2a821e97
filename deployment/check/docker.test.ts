import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCompose, checkDockerfile } from './docker.js';
import { fixturesDir, repoRoot } from './paths.js';

const read = (...parts: string[]) => readFile(join(...parts), 'utf8');

describe('docker checks', () => {
  it('when the real Dockerfile and compose.yaml are checked, then both pass', async () => {
    expect(checkDockerfile(await read(repoRoot, 'docker', 'Dockerfile'))).toEqual([]);
    expect(checkCompose(await read(repoRoot, 'docker', 'compose.yaml'))).toEqual([]);
  });

  it('when a Dockerfile is single-stage, runs as a named user, lacks a health check and has a broken COPY, then each is reported', async () => {
    const problems = checkDockerfile(await read(fixturesDir, 'docker', 'Dockerfile.bad'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'line 4: COPY requires at least two arguments',
        'not a multi-stage build (one FROM)',
        expect.stringMatching(/USER "node" is not a numeric non-root uid/),
        'final stage has no HEALTHCHECK',
      ]),
    );
  });

  it('when compose.yaml breaks the schema and uses another Postgres major, then each is reported', async () => {
    const problems = checkCompose(await read(fixturesDir, 'docker', 'compose.bad.yaml'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/services\/app must NOT have additional properties .*enviroment/),
        expect.stringMatching(/\/services\/app\/ports must be array/),
        expect.stringMatching(/\/services\/postgres\/healthcheck\/interval must match format "duration"/),
        'postgres image postgres:15 is not major 17',
        expect.stringMatching(/app service does not set PORT, .*DATABASE_URL/),
      ]),
    );
  });
});
