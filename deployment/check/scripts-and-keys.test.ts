import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './paths.js';
import { checkScriptsAndKeys } from './run-all.js';
import { listFiles, scanForKeys } from './secrets-scan.js';

describe('scripts and key files', () => {
  it('when a key file or GOOGLE_APPLICATION_CREDENTIALS is committed, then the scan reports it and ignores Markdown', async () => {
    const dir = join(fixturesDir, 'keys');
    const problems = await scanForKeys(dir, await listFiles(dir, () => false));
    expect(problems).toEqual(
      expect.arrayContaining([
        'leaked-service-account.json: contains a service account JSON key',
        'deployment.yaml: sets GOOGLE_APPLICATION_CREDENTIALS; use Workload Identity instead of key files',
      ]),
    );
    expect(problems.join('\n')).not.toMatch(/README/);
  });

  it('when deploy.sh does not parse and a Cloud Build step has no builder, then the syntax check reports both', async () => {
    const [syntax] = await checkScriptsAndKeys(join(fixturesDir, 'scripts'));
    expect(syntax?.status).toBe('fail');
    expect(syntax?.problems).toEqual([
      expect.stringMatching(/^deployment\/deploy\.sh: .*syntax error/),
      'deployment/cloudbuild.yaml: steps must be a list of steps with a builder name',
    ]);
  });
});
