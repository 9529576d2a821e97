// Who can reach what in infra/: the GKE control plane answers listed networks only, the deployer cannot read
// the app's secrets, and the edge rule for /metrics cannot be dodged by changing the path's case.
import type { TerraformModule } from './terraform.js';

type Hcl = Record<string, unknown>;
const list = (v: unknown): Hcl[] => (Array.isArray(v) ? (v as Hcl[]) : v ? [v as Hcl] : []);

function named(module: TerraformModule, type: string): [string, Hcl][] {
  return module.files.flatMap((f) =>
    Object.entries(((f.hcl.resource as Hcl | undefined)?.[type] ?? {}) as Record<string, Hcl[]>).flatMap(([name, blocks]) => blocks.map((b) => [name, b] as [string, Hcl])),
  );
}

/** Predefined roles that carry container.secrets.get/list or Secret Manager access. */
const secretReadingRoles = /^roles\/(owner|editor|viewer|container\.(developer|admin|clusterAdmin|viewer)|secretmanager\.(admin|secretAccessor|secretVersionManager))$/;
const secretPermissions = /^(container\.secrets\.(get|list|getStatus)|secretmanager\.versions\.access)$/;

export function checkAccessInfra(module: TerraformModule): string[] {
  const problems: string[] = [];
  for (const [name, cluster] of named(module, 'google_container_cluster')) {
    const config = list(cluster.master_authorized_networks_config)[0];
    const blocks = [...list(config?.cidr_blocks), ...list((config?.dynamic as Hcl | undefined)?.cidr_blocks)];
    if (!config || blocks.length === 0) problems.push(`google_container_cluster.${name}: no master_authorized_networks_config with cidr_blocks; the control plane answers the whole internet`);
    if (blocks.some((b) => ['0.0.0.0/0', '::/0'].includes(String(b.cidr_block)))) problems.push(`google_container_cluster.${name}: an authorized network is 0.0.0.0/0`);
  }

  const customRoles = new Map(named(module, 'google_project_iam_custom_role'));
  const deployerGrants = [
    ...named(module, 'google_project_iam_member'),
    ...named(module, 'google_project_iam_binding'),
    ...named(module, 'google_secret_manager_secret_iam_member'),
  ].filter(([, grant]) => JSON.stringify(grant.member ?? grant.members ?? '').includes('google_service_account.deployer.'));
  for (const [name, grant] of deployerGrants) {
    const role = String(grant.role);
    if (secretReadingRoles.test(role)) problems.push(`${name}: the deployer gets ${role}, which reads the app's secrets`);
    const custom = role.match(/google_project_iam_custom_role\.([A-Za-z0-9_-]+)\./)?.[1];
    const permissions = custom ? ((customRoles.get(custom)?.permissions as string[] | undefined) ?? []) : [];
    for (const permission of permissions.filter((p) => secretPermissions.test(p))) {
      problems.push(`${name}: the deployer's custom role ${custom} grants ${permission}, which reads the app's secrets`);
    }
  }

  const rules = named(module, 'google_compute_security_policy').flatMap(([, policy]) => list(policy.rule));
  const metricsRules = rules.filter((rule) => JSON.stringify(rule.match ?? '').includes('/metrics'));
  if (metricsRules.length === 0) problems.push('no Cloud Armor rule denies /metrics at the edge');
  for (const rule of metricsRules) {
    const expression = list(list(rule.match)[0]?.expr)[0]?.expression;
    if (!String(rule.action).startsWith('deny')) problems.push('the Cloud Armor rule for /metrics does not deny');
    if (typeof expression !== 'string' || !/request\.path\.lower\(\)|\(\?i\)/.test(expression)) {
      problems.push(`the Cloud Armor rule for /metrics matches the path case-sensitively ("${String(expression)}"); /METRICS would pass`);
    }
  }
  return problems;
}
