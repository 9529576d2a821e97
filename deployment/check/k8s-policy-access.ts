// Who can reach the pods and what the pods can reach: a NetworkPolicy selects every workload's pods and
// admits only named sources, no pod carries a Kubernetes API token, and the Cloud SQL Auth Proxy's health
// endpoints listen on the pod's loopback only.
import { describe, type K8sObject } from './kustomize.js';
import { allContainers, podTemplateOf, selectorMatches } from './k8s-objects.js';

interface Peer {
  ipBlock?: { cidr?: string };
  namespaceSelector?: unknown;
  podSelector?: unknown;
}
interface NetworkPolicySpec {
  podSelector?: { matchLabels?: Record<string, string> };
  policyTypes?: string[];
  ingress?: { from?: Peer[] }[];
}

const everywhere = new Set(['0.0.0.0/0', '::/0']);

export function checkAccessPolicy(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  for (const policy of policies) {
    const s = (policy.spec ?? {}) as NetworkPolicySpec;
    for (const rule of s.ingress ?? []) {
      const from = rule.from ?? [];
      if (from.length === 0 || from.some((peer) => everywhere.has(peer.ipBlock?.cidr ?? ''))) {
        problems.push(`${describe(policy)}: an ingress rule admits every source`);
      }
    }
  }
  const accounts = new Map(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => [o.metadata.name, o]));
  for (const owner of objects) {
    const template = podTemplateOf(owner);
    if (!template) continue;
    const where = describe(owner);
    const labels = template.metadata?.labels;
    const selecting = policies.filter((p) => selectorMatches((p.spec as NetworkPolicySpec | undefined)?.podSelector?.matchLabels, labels));
    for (const type of ['Ingress', 'Egress']) {
      if (!selecting.some((p) => ((p.spec as NetworkPolicySpec).policyTypes ?? []).includes(type))) {
        problems.push(`${where}: no NetworkPolicy restricts its pods' ${type.toLowerCase()}`);
      }
    }
    const pod = template.spec as { automountServiceAccountToken?: boolean; serviceAccountName?: string };
    const account = accounts.get(pod.serviceAccountName ?? 'default') as { automountServiceAccountToken?: boolean } | undefined;
    if ((pod.automountServiceAccountToken ?? account?.automountServiceAccountToken) !== false) {
      problems.push(`${where}: automountServiceAccountToken is not false; its pods would carry a Kubernetes API token`);
    }
    for (const c of allContainers(template.spec)) {
      if (!c.image?.includes('cloud-sql-proxy')) continue;
      const args = (c as { args?: string[] }).args ?? [];
      const address = args.find((a) => a.startsWith('--http-address='))?.split('=')[1];
      if (address !== undefined && !['127.0.0.1', 'localhost', '::1'].includes(address)) {
        problems.push(`${where} container ${c.name}: the proxy's health port binds to ${address}; bind it to 127.0.0.1`);
      }
      const probes = [c.readinessProbe, c.livenessProbe, (c as { startupProbe?: { httpGet?: unknown } }).startupProbe];
      if (probes.some((probe) => probe?.httpGet !== undefined)) {
        problems.push(`${where} container ${c.name}: an httpGet probe cannot reach a loopback health port; probe with exec`);
      }
    }
  }
  return problems;
}
