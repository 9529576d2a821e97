import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkComposeAppConfig, checkK8sAppConfig, loadServerConfigParser } from './app-config.js';
import { renderKustomization } from './kustomize.js';
import { fixturesDir, overlayDir, repoRoot } from './paths.js';
import { hasCommand } from './tools.js';

const loadConfig = await loadServerConfigParser();
const kubectl = await hasCommand('kubectl');

async function composeEnvironment(path: string): Promise<Record<string, unknown>> {
  const doc = parseYaml(await readFile(path, 'utf8')) as { services: { app: { environment: Record<string, unknown> } } };
  return doc.services.app.environment;
}

// Needs the server's config module; the checker skips the same way without it.
describe.skipIf(!loadConfig)('server configuration check', () => {
  it.skipIf(!kubectl)('when the overlays are rendered, then the server accepts every pod environment', async () => {
    for (const overlay of ['dev', 'prod']) {
      expect(checkK8sAppConfig(await renderKustomization(overlayDir(overlay)), loadConfig!)).toEqual([]);
    }
  });

  it.skipIf(!kubectl)('when a limit is out of range and the log level unknown, then both pods are reported with the reason', async () => {
    const problems = checkK8sAppConfig(await renderKustomization(join(fixturesDir, 'k8s', 'bad-app-config')), loadConfig!);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Deployment\/emovox container server: .*MAX_ACTIVE_TAKES.*LOG_LEVEL|^Deployment\/emovox container server: .*LOG_LEVEL.*MAX_ACTIVE_TAKES/)]),
    );
  });

  it('when compose.yaml is read, then the server accepts its app environment', async () => {
    expect(checkComposeAppConfig(await composeEnvironment(join(repoRoot, 'docker', 'compose.yaml')), loadConfig!)).toEqual([]);
  });

  it('when compose runs production mode without a database or with half an admin, then the server rejection is reported', async () => {
    const problems = checkComposeAppConfig(await composeEnvironment(join(fixturesDir, 'docker', 'compose.bad-config.yaml')), loadConfig!);
    expect(problems).toEqual([expect.stringMatching(/DATABASE_URL is required in production.*ADMIN_EMAIL and ADMIN_PASSWORD go together/)]);
  });
});
