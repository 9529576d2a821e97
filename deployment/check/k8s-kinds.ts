// The kinds this deployment may contain, each with its schema model and the
// TypeScript type used to catch unknown fields. A kind not listed here fails
// the schema check: adding one is a deliberate act.
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { BackendConfig } from '@kubernetes-models/gke/cloud.google.com/v1/BackendConfig';
import { FrontendConfig } from '@kubernetes-models/gke/networking.gke.io/v1beta1/FrontendConfig';
import { ManagedCertificate } from '@kubernetes-models/gke/networking.gke.io/v1/ManagedCertificate';

interface Validatable {
  validate(): void;
}

export interface KindInfo {
  model: new (data: never) => Validatable;
  /** Module and interface for the unknown-field type check. */
  typeModule: string;
  typeName: string;
}

function kind(model: KindInfo['model'], typeModule: string, typeName: string): KindInfo {
  return { model, typeModule, typeName };
}

export const knownKinds: Record<string, KindInfo> = {
  'v1/Namespace': kind(Namespace, 'kubernetes-models/v1/Namespace', 'INamespace'),
  'v1/ServiceAccount': kind(ServiceAccount, 'kubernetes-models/v1/ServiceAccount', 'IServiceAccount'),
  'v1/ConfigMap': kind(ConfigMap, 'kubernetes-models/v1/ConfigMap', 'IConfigMap'),
  'v1/Secret': kind(Secret, 'kubernetes-models/v1/Secret', 'ISecret'),
  'v1/Service': kind(Service, 'kubernetes-models/v1/Service', 'IService'),
  'apps/v1/Deployment': kind(Deployment, 'kubernetes-models/apps/v1/Deployment', 'IDeployment'),
  'batch/v1/Job': kind(Job, 'kubernetes-models/batch/v1/Job', 'IJob'),
  'networking.k8s.io/v1/Ingress': kind(Ingress, 'kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'),
  'networking.k8s.io/v1/NetworkPolicy': kind(
    NetworkPolicy,
    'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    'INetworkPolicy',
  ),
  'autoscaling/v2/HorizontalPodAutoscaler': kind(
    HorizontalPodAutoscaler,
    'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    'IHorizontalPodAutoscaler',
  ),
  'policy/v1/PodDisruptionBudget': kind(
    PodDisruptionBudget,
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ),
  'cloud.google.com/v1/BackendConfig': kind(
    BackendConfig,
    '@kubernetes-models/gke/cloud.google.com/v1/BackendConfig',
    'IBackendConfig',
  ),
  'networking.gke.io/v1beta1/FrontendConfig': kind(
    FrontendConfig,
    '@kubernetes-models/gke/networking.gke.io/v1beta1/FrontendConfig',
    'IFrontendConfig',
  ),
  'networking.gke.io/v1/ManagedCertificate': kind(
    ManagedCertificate,
    '@kubernetes-models/gke/networking.gke.io/v1/ManagedCertificate',
    'IManagedCertificate',
  ),
};

export function kindKey(obj: { apiVersion: string; kind: string }): string {
  return `${obj.apiVersion}/${obj.kind}`;
}
