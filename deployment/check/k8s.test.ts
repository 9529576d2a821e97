import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAccessPolicy } from './k8s-policy-access.js';
import { checkGkePolicy } from './k8s-policy-gke.js';
import { checkOverlays } from './k8s-overlays.js';
import { checkPodPolicy } from './k8s-policy-pods.js';
import { checkReferences } from './k8s-references.js';
import { checkSchemas } from './k8s-schema.js';
import { checkUnknownFields } from './k8s-unknown-fields.js';
import { renderKustomization, type K8sObject } from './kustomize.js';
import { fixturesDir, overlayDir } from './paths.js';
import { hasCommand } from './tools.js';

const kubectl = await hasCommand('kubectl');
const fixture = (name: string) => renderKustomization(join(fixturesDir, 'k8s', name));

// Rendering needs kubectl; without it these tests are skipped, as the checker skips.
describe.skipIf(!kubectl)('kubernetes checks', () => {
  let dev: K8sObject[];
  let prod: K8sObject[];
  beforeAll(async () => {
    [dev, prod] = await Promise.all([renderKustomization(overlayDir('dev')), renderKustomization(overlayDir('prod'))]);
  });

  it('when the real overlays are rendered, then every k8s check passes', () => {
    for (const objects of [dev, prod]) {
      expect(checkSchemas(objects)).toEqual([]);
      expect(checkUnknownFields(objects)).toEqual([]);
      expect(checkReferences(objects)).toEqual([]);
      expect(checkPodPolicy(objects)).toEqual([]);
      expect(checkGkePolicy(objects)).toEqual([]);
      expect(checkAccessPolicy(objects)).toEqual([]);
    }
    expect(checkOverlays({ dev, prod })).toEqual([]);
  });

  it('when a field has the wrong type or a required field is missing, then the schema check reports both', async () => {
    const problems = checkSchemas(await fixture('bad-schema'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Deployment\/emovox: .*containerPort must be integer/),
        expect.stringMatching(/^HorizontalPodAutoscaler\/emovox: .*maxReplicas/),
      ]),
    );
  });

  it('when a field name is misspelt, then the schema models accept it but the unknown-field check reports it', async () => {
    const objects = await fixture('unknown-field');
    expect(checkSchemas(objects)).toEqual([]);
    const problems = checkUnknownFields(objects);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Deployment\/emovox: "readinesProbe"/),
        expect.stringMatching(/^BackendConfig\/emovox-backend: "timeoutSecs"/),
      ]),
    );
  });

  it('when a namePrefix renames objects but not the annotations, then the reference check reports each dangling name', async () => {
    const problems = checkReferences(await fixture('name-prefix'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'Service/dev-emovox: annotation names BackendConfig "emovox-backend", which does not exist',
        'Ingress/dev-emovox: names ManagedCertificate "emovox-cert", which does not exist',
        'Ingress/dev-emovox: names FrontendConfig "emovox-frontend", which does not exist',
      ]),
    );
  });

  it('when targets, selectors, ports, accounts or secret keys point at nothing, then the reference check reports each', async () => {
    const problems = checkReferences(await fixture('broken-links'));
    const expected = [
      /HorizontalPodAutoscaler\/emovox: scales Deployment\/emovox-server/,
      /Service\/emovox: selector matches no Deployment's pods/,
      /Ingress\/emovox: routes to a port of Service\/emovox/,
      /Deployment\/emovox: uses ServiceAccount "emovox-app"/,
      /SMTP_PASSWORD reads key SMTP_PASSWORD, which the runbook does not put in Secret "emovox-secrets"/,
    ];
    for (const pattern of expected) expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it('when a pod runs as root with inline secrets and no probes, then the pod policy reports each mistake', async () => {
    const problems = checkPodPolicy(await fixture('insecure-pod'));
    const expected = [
      /container server: runAsNonRoot is not true/,
      /container server: readOnlyRootFilesystem is not true/,
      /container server: capabilities are not dropped/,
      /container server: no cpu limits/,
      /container server: readiness probe must GET \/readyz/,
      /container server: no preStop/,
      /terminationGracePeriodSeconds below 45/,
      /sets replicas although an HPA scales it/,
      /TOKEN_SECRET has an inline value/,
      /GOOGLE_APPLICATION_CREDENTIALS points at a key file/,
      /MIGRATE_ON_START must be "false"/,
    ];
    for (const pattern of expected) expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it('when the pods are open (no NetworkPolicy, an API token, the proxy health port on 0.0.0.0), then the access policy reports each', async () => {
    const problems = checkAccessPolicy(await fixture('open-pod'));
    const expected = [
      /^Deployment\/emovox: no NetworkPolicy restricts its pods' ingress/,
      /^Deployment\/emovox: no NetworkPolicy restricts its pods' egress/,
      /^Job\/emovox-migrate: no NetworkPolicy restricts/,
      /^Deployment\/emovox: automountServiceAccountToken is not false/,
      /container cloud-sql-proxy: the proxy's health port binds to 0\.0\.0\.0/,
      /container cloud-sql-proxy: an httpGet probe cannot reach a loopback health port/,
    ];
    for (const pattern of expected) expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it('when the load balancer keeps its defaults, then the GKE policy reports timeout, draining, affinity, health check, HTTPS and identity', async () => {
    const problems = checkGkePolicy(await fixture('websocket-timeout'));
    const expected = [/timeoutSec below 3600/, /no connectionDraining/, /GENERATED_COOKIE/, /health check must request \/readyz/, /not redirected to HTTPS/, /ServiceAccount\/emovox: no Workload Identity/];
    for (const pattern of expected) expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it('when prod renders like dev, then the overlay check reports one replica and the shared host, bucket, database and image', () => {
    const problems = checkOverlays({ dev, prod: dev });
    expect(problems).toEqual(
      expect.arrayContaining([
        'overlay prod: at least 2 replicas required, found 1',
        expect.stringMatching(/same host/),
        expect.stringMatching(/same bucket/),
        expect.stringMatching(/same database/),
        expect.stringMatching(/same image/),
      ]),
    );
  });
});
