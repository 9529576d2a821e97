// Cross-references between rendered objects, by their final names: kustomize
// renames objects (namePrefix, hash suffixes) but not names inside
// annotations, so a reference can silently point at nothing.
import { describe, type K8sObject } from './kustomize.js';
import { externalSecrets as defaultExternalSecrets } from './expectations.js';
import { allContainers, findObject, podTemplateOf, selectorMatches, spec, type Container } from './k8s-objects.js';

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; targetPort?: number | string }[];
  type?: string;
}
interface BackendRef {
  service?: { name: string; port?: { name?: string; number?: number } };
}
interface IngressSpec {
  defaultBackend?: BackendRef;
  rules?: { http?: { paths?: { backend: BackendRef }[] } }[];
}

export function checkReferences(objects: K8sObject[], externalSecrets = defaultExternalSecrets): string[] {
  const problems: string[] = [];
  const has = (kind: string, name: string) => findObject(objects, kind, name) !== undefined;

  for (const svc of objects.filter((o) => o.kind === 'Service')) {
    for (const name of backendConfigNames(svc, problems)) {
      if (!has('BackendConfig', name)) problems.push(`${describe(svc)}: annotation names BackendConfig "${name}", which does not exist`);
    }
  }

  for (const ing of objects.filter((o) => o.kind === 'Ingress')) {
    const annotations = ing.metadata.annotations ?? {};
    const certs = annotations['networking.gke.io/managed-certificates'];
    for (const name of (certs ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!has('ManagedCertificate', name)) problems.push(`${describe(ing)}: names ManagedCertificate "${name}", which does not exist`);
    }
    const frontend = annotations['networking.gke.io/v1beta1.FrontendConfig'];
    if (frontend && !has('FrontendConfig', frontend)) {
      problems.push(`${describe(ing)}: names FrontendConfig "${frontend}", which does not exist`);
    }
    for (const ref of ingressBackends(spec<IngressSpec>(ing))) problems.push(...checkIngressBackend(objects, ing, ref));
  }

  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const target = spec<{ scaleTargetRef: { kind: string; name: string } }>(hpa).scaleTargetRef;
    if (!has(target.kind, target.name)) problems.push(`${describe(hpa)}: scales ${target.kind}/${target.name}, which does not exist`);
  }

  const pods = objects.flatMap((o) => {
    const template = podTemplateOf(o);
    return template ? [{ owner: o, template }] : [];
  });

  for (const { owner, template } of pods) {
    const matchLabels = spec<{ selector?: { matchLabels?: Record<string, string> } }>(owner).selector?.matchLabels;
    if (owner.kind === 'Deployment' && !selectorMatches(matchLabels, template.metadata?.labels)) {
      problems.push(`${describe(owner)}: selector does not match its own pod labels`);
    }
    const sa = template.spec.serviceAccountName;
    if (sa && !has('ServiceAccount', sa)) problems.push(`${describe(owner)}: uses ServiceAccount "${sa}", which does not exist`);
    for (const c of allContainers(template.spec)) problems.push(...checkContainerRefs(objects, owner, c, externalSecrets));
  }

  for (const svc of objects.filter((o) => o.kind === 'Service')) {
    const selector = spec<ServiceSpec>(svc).selector;
    const matched = pods.filter((p) => selectorMatches(selector, p.template.metadata?.labels));
    if (!matched.some((p) => p.owner.kind === 'Deployment')) problems.push(`${describe(svc)}: selector matches no Deployment's pods`);
    for (const p of matched.filter((m) => m.owner.kind !== 'Deployment')) {
      problems.push(`${describe(svc)}: selector also matches ${describe(p.owner)}'s pods, which would receive traffic`);
    }
    for (const p of matched) {
      const portNames = new Set(allContainers(p.template.spec).flatMap((c) => (c.ports ?? []).map((port) => port.name)));
      for (const port of spec<ServiceSpec>(svc).ports ?? []) {
        if (typeof port.targetPort === 'string' && !portNames.has(port.targetPort)) {
          problems.push(`${describe(svc)}: targetPort "${port.targetPort}" is not a named port of ${describe(p.owner)}`);
        }
      }
    }
  }

  for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
    const selector = spec<{ selector?: { matchLabels?: Record<string, string> } }>(pdb).selector?.matchLabels;
    if (!pods.some((p) => p.owner.kind === 'Deployment' && selectorMatches(selector, p.template.metadata?.labels))) {
      problems.push(`${describe(pdb)}: selector matches no Deployment's pods`);
    }
  }
  return problems;
}

function backendConfigNames(svc: K8sObject, problems: string[]): string[] {
  const annotations = svc.metadata.annotations ?? {};
  const raw = annotations['cloud.google.com/backend-config'] ?? annotations['beta.cloud.google.com/backend-config'];
  if (raw === undefined) return [];
  try {
    const parsed = JSON.parse(raw) as { default?: string; ports?: Record<string, string> };
    return [parsed.default, ...Object.values(parsed.ports ?? {})].filter((n): n is string => typeof n === 'string');
  } catch {
    problems.push(`${describe(svc)}: cloud.google.com/backend-config is not valid JSON`);
    return [];
  }
}

function ingressBackends(s: IngressSpec): BackendRef[] {
  const refs = s.defaultBackend ? [s.defaultBackend] : [];
  for (const rule of s.rules ?? []) for (const path of rule.http?.paths ?? []) refs.push(path.backend);
  return refs;
}

function checkIngressBackend(objects: K8sObject[], ing: K8sObject, ref: BackendRef): string[] {
  if (!ref.service) return [`${describe(ing)}: a backend has no service`];
  const svc = findObject(objects, 'Service', ref.service.name);
  if (!svc) return [`${describe(ing)}: routes to Service "${ref.service.name}", which does not exist`];
  const problems: string[] = [];
  const s = spec<ServiceSpec>(svc);
  const port = ref.service.port;
  const found = (s.ports ?? []).some((p) => (port?.name !== undefined ? p.name === port.name : p.port === port?.number));
  if (!found) problems.push(`${describe(ing)}: routes to a port of ${describe(svc)} that it does not expose`);
  const neg = svc.metadata.annotations?.['cloud.google.com/neg'] ?? '';
  if (!neg.includes('"ingress": true') && !neg.includes('"ingress":true') && s.type !== 'NodePort') {
    problems.push(`${describe(svc)}: a GCE Ingress backend needs a NEG annotation or type NodePort`);
  }
  return problems;
}

function checkContainerRefs(
  objects: K8sObject[],
  owner: K8sObject,
  c: Container,
  externalSecrets: Record<string, string[]>,
): string[] {
  const problems: string[] = [];
  const where = `${describe(owner)} container ${c.name}`;
  const configMapKeys = (name: string): string[] | undefined => {
    const cm = findObject(objects, 'ConfigMap', name);
    return cm ? Object.keys((cm.data as Record<string, string> | undefined) ?? {}) : undefined;
  };
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef && !configMapKeys(from.configMapRef.name)) {
      problems.push(`${where}: envFrom ConfigMap "${from.configMapRef.name}" does not exist`);
    }
  }
  for (const env of c.env ?? []) {
    const cmRef = env.valueFrom?.configMapKeyRef;
    if (cmRef) {
      const keys = configMapKeys(cmRef.name);
      if (!keys) problems.push(`${where}: ${env.name} reads ConfigMap "${cmRef.name}", which does not exist`);
      else if (!keys.includes(cmRef.key)) problems.push(`${where}: ${env.name} reads key ${cmRef.key}, absent from ConfigMap "${cmRef.name}"`);
    }
    const secretRef = env.valueFrom?.secretKeyRef;
    if (secretRef) {
      const rendered = findObject(objects, 'Secret', secretRef.name);
      const keys = externalSecrets[secretRef.name];
      if (!rendered && !keys) problems.push(`${where}: ${env.name} reads Secret "${secretRef.name}", which is neither rendered nor documented`);
      else if (keys && !keys.includes(secretRef.key)) {
        problems.push(`${where}: ${env.name} reads key ${secretRef.key}, which the runbook does not put in Secret "${secretRef.name}"`);
      }
    }
  }
  return problems;
}
