// GKE edge policy: WebSockets through the load balancer, HTTPS only,
// Workload Identity on the service accounts the pods use.
import { describe, type K8sObject } from './kustomize.js';
import { minBackendTimeoutSec, readinessPath } from './expectations.js';
import { podTemplateOf } from './k8s-objects.js';

interface BackendConfigSpec {
  timeoutSec?: number;
  connectionDraining?: { drainingTimeoutSec?: number };
  sessionAffinity?: { affinityType?: string };
  healthCheck?: { requestPath?: string };
}

export function checkGkePolicy(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const bc of objects.filter((o) => o.kind === 'BackendConfig')) {
    const s = (bc.spec ?? {}) as BackendConfigSpec;
    const where = describe(bc);
    if ((s.timeoutSec ?? 30) < minBackendTimeoutSec) problems.push(`${where}: timeoutSec below ${minBackendTimeoutSec} cuts WebSockets short`);
    if (!(Number(s.connectionDraining?.drainingTimeoutSec) > 0)) problems.push(`${where}: no connectionDraining`);
    if (s.sessionAffinity?.affinityType !== 'GENERATED_COOKIE') {
      problems.push(`${where}: sessionAffinity must be GENERATED_COOKIE for Socket.IO long-polling`);
    }
    if (s.healthCheck?.requestPath !== readinessPath) problems.push(`${where}: health check must request ${readinessPath}`);
  }
  if (objects.some((o) => o.kind === 'Service') && !objects.some((o) => o.kind === 'BackendConfig')) {
    problems.push('no BackendConfig: the load balancer would cut WebSockets after 30 s');
  }

  for (const ing of objects.filter((o) => o.kind === 'Ingress')) {
    const a = ing.metadata.annotations ?? {};
    const where = describe(ing);
    if (!a['kubernetes.io/ingress.global-static-ip-name']) problems.push(`${where}: no global static IP annotation`);
    if (!a['networking.gke.io/managed-certificates']) problems.push(`${where}: no ManagedCertificate annotation`);
    const frontend = objects.find((o) => o.kind === 'FrontendConfig' && o.metadata.name === a['networking.gke.io/v1beta1.FrontendConfig']);
    const redirect = (frontend?.spec as { redirectToHttps?: { enabled?: boolean } } | undefined)?.redirectToHttps;
    if (redirect?.enabled !== true) problems.push(`${where}: HTTP is not redirected to HTTPS (FrontendConfig redirectToHttps)`);
  }

  const usedAccounts = new Set(objects.flatMap((o) => podTemplateOf(o)?.spec.serviceAccountName ?? []));
  for (const sa of objects.filter((o) => o.kind === 'ServiceAccount' && usedAccounts.has(o.metadata.name))) {
    const gsa = sa.metadata.annotations?.['iam.gke.io/gcp-service-account'] ?? '';
    if (!/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/.test(gsa)) {
      problems.push(`${describe(sa)}: no Workload Identity annotation with a Google service account email (found "${gsa}")`);
    }
  }
  return problems;
}
