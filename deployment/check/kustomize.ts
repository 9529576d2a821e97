import { parseAllDocuments } from 'yaml';
import { runCommand } from './tools.js';

/** A rendered Kubernetes object, as plain data. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export function parseManifests(text: string, source: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0]?.message ?? 'YAML error'}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${source}: a document is not an object`);
    const obj = value as Partial<K8sObject>;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') {
      throw new Error(`${source}: an object lacks apiVersion, kind or metadata.name`);
    }
    objects.push(obj as K8sObject);
  }
  return objects;
}

/** Renders a kustomization with `kubectl kustomize` (works offline). */
export async function renderKustomization(dir: string): Promise<K8sObject[]> {
  const out = await runCommand('kubectl', ['kustomize', dir]);
  if (out.code !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${out.stderr.trim()}`);
  return parseManifests(out.stdout, dir);
}

export function describe(obj: K8sObject): string {
  return `${obj.kind}/${obj.metadata.name}`;
}
