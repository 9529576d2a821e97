// The rendered environment must be one the server accepts: each Deployment's
// server container, and the compose app service, are fed to the server's own
// loadConfig (with placeholders for Secret values), so a value out of range
// fails here rather than as a crash loop in the cluster.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, type K8sObject } from './kustomize.js';
import { findObject, podTemplateOf, type Container } from './k8s-objects.js';
import { repoRoot } from './paths.js';

type LoadConfig = (env: Record<string, string | undefined>) => unknown;

export const serverConfigModule = join(repoRoot, 'server', 'src', 'config.ts');

export async function loadServerConfigParser(): Promise<LoadConfig | undefined> {
  if (!existsSync(serverConfigModule)) return undefined;
  const mod = (await import(pathToFileURL(serverConfigModule).href)) as { loadConfig?: LoadConfig };
  return mod.loadConfig;
}

/** Long enough for any length rule; Secret values are never known here. */
const secretPlaceholder = 'placeholder-for-a-secret-value-0123456789abcdef0123456789abcdef';

export function containerEnvironment(c: Container, objects: K8sObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    const cm = from.configMapRef ? findObject(objects, 'ConfigMap', from.configMapRef.name) : undefined;
    Object.assign(env, (cm?.data ?? {}) as Record<string, string>);
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);
    else if (e.valueFrom?.secretKeyRef) env[e.name] = secretPlaceholder;
    else if (e.valueFrom?.configMapKeyRef) {
      const cm = findObject(objects, 'ConfigMap', e.valueFrom.configMapKeyRef.name);
      const value = ((cm?.data ?? {}) as Record<string, string>)[e.valueFrom.configMapKeyRef.key];
      if (value !== undefined) env[e.name] = value;
    }
  }
  return env;
}

function accepts(loadConfig: LoadConfig, env: Record<string, string | undefined>): string | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/\s*\n\s*/g, '; ');
  }
}

export function checkK8sAppConfig(objects: K8sObject[], loadConfig: LoadConfig): string[] {
  const problems: string[] = [];
  for (const owner of objects) {
    const template = podTemplateOf(owner);
    if (!template) continue;
    for (const c of template.spec.containers) {
      if (!c.image?.includes('/server')) continue;
      const rejection = accepts(loadConfig, containerEnvironment(c, objects));
      if (rejection) problems.push(`${describe(owner)} container ${c.name}: the server rejects its environment: ${rejection}`);
    }
  }
  return problems;
}

/** compose's ${VAR:?…} and ${VAR:-default} interpolations, as an operator would run it. */
export function checkComposeAppConfig(environment: Record<string, unknown>, loadConfig: LoadConfig): string[] {
  const env: Record<string, string> = {};
  for (const [key, raw] of Object.entries(environment)) {
    const value = String(raw ?? '');
    env[key] = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])([^}]*)\}/g, (_m, _name: string, op: string, rest: string) =>
      op.endsWith('?') ? secretPlaceholder : rest,
    );
  }
  const rejection = accepts(loadConfig, env);
  return rejection ? [`compose app service: the server rejects its environment: ${rejection}`] : [];
}
