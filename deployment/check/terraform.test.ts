import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot } from './paths.js';
import { checkDeclarations, checkInfraPolicy, loadTerraform, terraformFmt } from './terraform.js';
import { checkAccessInfra } from './terraform-access.js';
import { hasCommand } from './tools.js';

const terraform = await hasCommand('terraform');
const fixture = (name: string) => join(fixturesDir, 'terraform', name);

describe('terraform checks', () => {
  it('when infra/ is checked, then it parses, declares what it uses and keeps the promised settings', async () => {
    const module = await loadTerraform(join(repoRoot, 'infra'));
    expect(module.files.length).toBeGreaterThan(5);
    expect(module.parseProblems).toEqual([]);
    expect(checkDeclarations(module)).toEqual([]);
    expect(checkInfraPolicy(module)).toEqual([]);
    expect(checkAccessInfra(module)).toEqual([]);
  });

  it('when the control plane is open, the deployer can read secrets and /metrics is denied case-sensitively, then the access check reports each', async () => {
    const problems = checkAccessInfra(await loadTerraform(fixture('open-access')));
    const expected = [
      /^google_container_cluster\.main: no master_authorized_networks_config/,
      /^deployer_roles: the deployer gets roles\/container\.developer/,
      /^deployer_custom: the deployer's custom role deployer grants container\.secrets\.get/,
      /\/metrics matches the path case-sensitively/,
    ];
    for (const pattern of expected) expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it.skipIf(!terraform)('when infra/ is checked with terraform present, then it is formatted', async () => {
    expect(await terraformFmt(join(repoRoot, 'infra'))).toEqual([]);
  });

  it('when a .tf file has a syntax error, then the parse reports its file and line', async () => {
    const module = await loadTerraform(fixture('syntax-error'));
    expect(module.parseProblems).toEqual([expect.stringMatching(/^main\.tf: .*main\.tf:2/)]);
  });

  it('when a var, local or tfvars key is undeclared, or a required variable is missing from the example, then each is reported', async () => {
    const problems = checkDeclarations(await loadTerraform(fixture('undeclared')));
    expect(problems).toEqual(
      expect.arrayContaining([
        'main.tf: var.zone is not declared',
        'main.tf: local.prefix is not declared',
        'terraform.tfvars.example: regoin is not a declared variable',
        'terraform.tfvars.example: required variable project_id is missing',
      ]),
    );
    expect(problems.join('\n')).not.toMatch(/var\.project_id|var\.region/);
  });

  it.skipIf(!terraform)('when a file is not formatted, then terraform fmt -check names it', async () => {
    expect(await terraformFmt(fixture('undeclared'))).toEqual([expect.stringMatching(/undeclared\/main\.tf: not formatted/)]);
  });

  it('when the infrastructure breaks its promises, then the infra policy reports each', async () => {
    const problems = checkInfraPolicy(await loadTerraform(fixture('weak-infra')));
    const expected = [/not POSTGRES_17/, /private IP only/, /point-in-time recovery/, /versioning must be enabled/, /uniform_bucket_level_access/, /JSON key/, /project-wide roles\/storage\.objectAdmin/, /no google_container_cluster/];
    for (const pattern of expected) expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });
});
