import { describe, type K8sObject } from './kustomize.js';
import { kindKey, knownKinds } from './k8s-kinds.js';

/** Validates each object against its Kubernetes or GKE schema (types, required fields). */
export function checkSchemas(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const obj of objects) {
    const info = knownKinds[kindKey(obj)];
    if (!info) {
      problems.push(`${describe(obj)}: no schema for ${kindKey(obj)}; add it to k8s-kinds.ts if it is intended`);
      continue;
    }
    try {
      new info.model(obj as never).validate();
    } catch (error) {
      problems.push(`${describe(obj)}: ${formatValidationError(error)}`);
    }
  }
  return problems;
}

function formatValidationError(error: unknown): string {
  const e = error as { errors?: { instancePath?: string; message?: string; params?: unknown }[]; message?: string };
  if (Array.isArray(e.errors) && e.errors.length > 0) {
    return e.errors
      .map((x) => `${x.instancePath || '/'} ${x.message ?? ''} ${x.params ? JSON.stringify(x.params) : ''}`.trim())
      .join('; ');
  }
  return e.message ?? String(error);
}
