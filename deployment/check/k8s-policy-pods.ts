// Pod-level policy: non-root, read-only root, probes, resources, graceful
// drain, and no secret values or key files in the manifests.
import { describe, type K8sObject } from './kustomize.js';
import { appVariables, livenessPath, localOnlyVariables, minTerminationGraceSeconds, readinessPath } from './expectations.js';
import { allContainers, findObject, podTemplateOf, type Container, type PodSpec } from './k8s-objects.js';

const secretLikeName = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL)/i;
const inlinePasswordUrl = /:\/\/[^:/@\s]+:(?!\$\()[^@\s]+@/;

export function checkPodPolicy(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const hpaTargets = new Set(
    objects
      .filter((o) => o.kind === 'HorizontalPodAutoscaler')
      .map((o) => (o.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef)
      .map((r) => `${r.kind}/${r.name}`),
  );

  for (const owner of objects) {
    const template = podTemplateOf(owner);
    if (!template) continue;
    const pod = template.spec;
    for (const c of allContainers(pod)) problems.push(...checkContainer(owner, pod, c, objects));

    if (owner.kind !== 'Deployment') continue;
    const where = describe(owner);
    if ((pod.terminationGracePeriodSeconds ?? 30) < minTerminationGraceSeconds) {
      problems.push(`${where}: terminationGracePeriodSeconds below ${minTerminationGraceSeconds}; in-flight takes cannot drain`);
    }
    if (hpaTargets.has(where) && (owner.spec as { replicas?: number }).replicas !== undefined) {
      problems.push(`${where}: sets replicas although an HPA scales it; every apply would reset the pod count`);
    }
    for (const c of pod.containers) {
      if (c.readinessProbe?.httpGet?.path !== readinessPath) problems.push(`${where} container ${c.name}: readiness probe must GET ${readinessPath}`);
      if (c.livenessProbe?.httpGet?.path !== livenessPath) problems.push(`${where} container ${c.name}: liveness probe must GET ${livenessPath}`);
      if (!c.lifecycle?.preStop) problems.push(`${where} container ${c.name}: no preStop; the load balancer may still route to a draining pod`);
      const migrate = resolveEnv(c, 'MIGRATE_ON_START', objects);
      if (migrate !== 'false') problems.push(`${where} container ${c.name}: MIGRATE_ON_START must be "false" (the migration Job runs them), found ${String(migrate)}`);
      const unset = appVariables.filter((v) => !localOnlyVariables.includes(v) && !isSet(c, v, objects));
      if (unset.length > 0) problems.push(`${where} container ${c.name}: does not set ${unset.join(', ')}`);
      const metrics = c.env?.find((e) => e.name === 'METRICS_TOKEN');
      if (!metrics?.valueFrom?.secretKeyRef) problems.push(`${where} container ${c.name}: METRICS_TOKEN must come from a Secret so /metrics is guarded`);
    }
  }

  for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
    for (const key of Object.keys((cm.data as Record<string, string> | undefined) ?? {})) {
      if (secretLikeName.test(key) || key === 'GOOGLE_APPLICATION_CREDENTIALS') {
        problems.push(`${describe(cm)}: key ${key} looks like a secret; reference a Secret by name instead`);
      }
    }
  }
  for (const secret of objects.filter((o) => o.kind === 'Secret')) {
    if (secret.data !== undefined || secret.stringData !== undefined) {
      problems.push(`${describe(secret)}: secret values are committed; create the Secret out of band (deployment/README.md)`);
    }
  }
  return problems;
}

function checkContainer(owner: K8sObject, pod: PodSpec, c: Container, objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const where = `${describe(owner)} container ${c.name}`;
  const sc = { ...pod.securityContext, ...c.securityContext };
  if (sc.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
  if (sc.runAsUser === 0) problems.push(`${where}: runs as uid 0`);
  if (c.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
  if (c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
  if (!c.securityContext?.capabilities?.drop?.includes('ALL')) problems.push(`${where}: capabilities are not dropped (drop: [ALL])`);
  if ((c.securityContext?.capabilities?.add ?? []).length > 0) problems.push(`${where}: adds capabilities`);
  for (const bound of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (c.resources?.[bound]?.[resource] === undefined) problems.push(`${where}: no ${resource} ${bound}`);
    }
  }
  if (!c.image || !/[:@]/.test(c.image.split('/').pop() ?? '') || c.image.endsWith(':latest')) {
    problems.push(`${where}: image "${c.image ?? ''}" has no pinned tag`);
  }
  for (const env of c.env ?? []) {
    if (env.name === 'GOOGLE_APPLICATION_CREDENTIALS') problems.push(`${where}: GOOGLE_APPLICATION_CREDENTIALS points at a key file; use Workload Identity`);
    if (env.value !== undefined && env.value !== '' && secretLikeName.test(env.name)) {
      problems.push(`${where}: ${env.name} has an inline value; use secretKeyRef`);
    }
    if (env.value !== undefined && inlinePasswordUrl.test(env.value)) problems.push(`${where}: ${env.name} embeds a literal password`);
  }
  const tmpdir = resolveEnv(c, 'TMPDIR', objects);
  if (c.restartPolicy !== 'Always' && c.securityContext?.readOnlyRootFilesystem === true) {
    const emptyDirs = new Set((pod.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name));
    const mount = (c.volumeMounts ?? []).find((m) => m.mountPath === tmpdir && emptyDirs.has(m.name));
    if (!mount) problems.push(`${where}: TMPDIR (${String(tmpdir)}) is not an emptyDir mount; ffmpeg temp files would fail`);
  }
  for (const v of pod.volumes ?? []) {
    if (v.secret && /key|credential|\.json/i.test(`${v.name} ${v.secret.secretName ?? ''}`)) {
      problems.push(`${describe(owner)}: volume ${v.name} mounts what looks like a key file; use Workload Identity`);
    }
  }
  return problems;
}

function isSet(c: Container, name: string, objects: K8sObject[]): boolean {
  return (c.env ?? []).some((e) => e.name === name) || resolveEnv(c, name, objects) !== undefined;
}

/** The value a variable gets from env or from a ConfigMap in envFrom (env wins). */
export function resolveEnv(c: Container, name: string, objects: K8sObject[]): string | undefined {
  const direct = c.env?.find((e) => e.name === name);
  if (direct) return direct.value;
  let value: string | undefined;
  for (const from of c.envFrom ?? []) {
    const cm = from.configMapRef ? findObject(objects, 'ConfigMap', from.configMapRef.name) : undefined;
    const data = cm?.data as Record<string, string> | undefined;
    if (data?.[name] !== undefined) value = data[name];
  }
  return value;
}
