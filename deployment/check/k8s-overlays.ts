// Per-environment expectations across rendered overlays.
import type { K8sObject } from './kustomize.js';
import { highlyAvailableOverlays } from './expectations.js';
import { findObject } from './k8s-objects.js';

export type Rendered = Record<string, K8sObject[]>;

export function minimumReplicas(objects: K8sObject[]): number {
  const deployment = objects.find((o) => o.kind === 'Deployment');
  if (!deployment) return 0;
  const hpa = objects.find(
    (o) => o.kind === 'HorizontalPodAutoscaler' && (o.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === deployment.metadata.name,
  );
  if (hpa) return (hpa.spec as { minReplicas?: number }).minReplicas ?? 1;
  return (deployment.spec as { replicas?: number }).replicas ?? 1;
}

/** What must differ between environments so that one cannot write into the other. */
function identity(objects: K8sObject[]): Record<string, string> {
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('emovox-config'));
  const data = (config?.data ?? {}) as Record<string, string>;
  const cert = findObject(objects, 'ManagedCertificate', 'emovox-cert');
  const deployment = objects.find((o) => o.kind === 'Deployment');
  const image = (deployment?.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers?.[0]?.image;
  return {
    host: ((cert?.spec as { domains?: string[] } | undefined)?.domains ?? []).join(','),
    bucket: data.GCS_BUCKET ?? '',
    database: data.CLOUDSQL_INSTANCE ?? '',
    image: image ?? '',
  };
}

export function checkOverlays(rendered: Rendered): string[] {
  const problems: string[] = [];
  for (const name of highlyAvailableOverlays) {
    const objects = rendered[name];
    if (!objects) continue;
    const min = minimumReplicas(objects);
    if (min < 2) problems.push(`overlay ${name}: at least 2 replicas required, found ${min}`);
  }
  const names = Object.keys(rendered);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i] as string, names[j] as string];
      const ia = identity(rendered[a] ?? []);
      const ib = identity(rendered[b] ?? []);
      for (const field of Object.keys(ia)) {
        if (!ia[field] || ia[field] === ib[field]) problems.push(`overlays ${a} and ${b}: same ${field} "${ia[field] ?? ''}"`);
      }
    }
  }
  return problems;
}
