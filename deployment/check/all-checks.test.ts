import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';
import { detectTools, runAllChecks } from './run-all.js';

describe('check:deploy', () => {
  it('when run on the repository, then no check fails', async () => {
    const results = await runAllChecks(repoRoot, await detectTools());
    const failures = results.filter((r) => r.status === 'fail').map((r) => `${r.name}: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(15);
  });

  it('when kubectl and terraform are absent, then their checks skip and say why while the rest still run', async () => {
    const results = await runAllChecks(repoRoot, { kubectl: false, terraform: false });
    const skippedNames = results.filter((r) => r.status === 'skip').map((r) => r.name);
    expect(skippedNames).toEqual(expect.arrayContaining(['kustomize render', 'k8s cross-references', 'terraform fmt -check']));
    for (const r of results.filter((x) => x.status === 'skip')) expect(r.skipReason).toMatch(/kubectl|terraform/);
    expect(results.find((r) => r.name.startsWith('compose schema'))?.status).toBe('pass');
  });
});
