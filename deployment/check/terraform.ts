// Terraform checks that work without the Google provider: formatting,
// HCL syntax, declared variables and locals, and the infra's promises.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { repoRoot } from './paths.js';
import { runCommand } from './tools.js';

type Hcl = Record<string, unknown>;

export interface TerraformModule {
  dir: string;
  files: { name: string; text: string; hcl: Hcl }[];
  tfvarsExample?: Hcl;
  parseProblems: string[];
}

export async function loadTerraform(dir: string): Promise<TerraformModule> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.tf')).sort();
  const module: TerraformModule = { dir, files: [], parseProblems: [] };
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    try {
      module.files.push({ name, text, hcl: (await parse(name, text)) as Hcl });
    } catch (error) {
      module.parseProblems.push(`${name}: ${String(error).replace(/^Error: /, '')}`);
    }
  }
  const example = join(dir, 'terraform.tfvars.example');
  const exampleText = await readFile(example, 'utf8').catch(() => undefined);
  if (exampleText !== undefined) {
    try {
      module.tfvarsExample = (await parse('terraform.tfvars.example', exampleText)) as Hcl;
    } catch (error) {
      module.parseProblems.push(`terraform.tfvars.example: ${String(error)}`);
    }
  }
  if (names.length === 0) module.parseProblems.push(`${relative(repoRoot, dir)}: no .tf files`);
  return module;
}

/** `terraform fmt -check`; the caller skips it when terraform is absent. */
export async function terraformFmt(dir: string): Promise<string[]> {
  const out = await runCommand('terraform', ['fmt', '-check', '-recursive', '-list=true', '-no-color', dir]);
  if (out.code === 0) return [];
  const files = out.stdout.split('\n').filter(Boolean);
  if (files.length === 0) return [`terraform fmt failed: ${out.stderr.trim()}`];
  return files.map((f) => `${relative(repoRoot, f)}: not formatted (run terraform fmt -recursive infra)`);
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"])(#|\/\/).*$/gm, '$1');
}

function blockNames(module: TerraformModule, block: string): Set<string> {
  const names = new Set<string>();
  for (const f of module.files) {
    const value = f.hcl[block];
    if (block === 'locals' && Array.isArray(value)) for (const l of value) Object.keys(l as Hcl).forEach((k) => names.add(k));
    else if (value && typeof value === 'object') Object.keys(value).forEach((k) => names.add(k));
  }
  return names;
}

/** Every var.X and local.X is declared; the tfvars example sets only declared variables and all required ones. */
export function checkDeclarations(module: TerraformModule): string[] {
  const problems: string[] = [];
  const variables = blockNames(module, 'variable');
  const locals = blockNames(module, 'locals');
  for (const f of module.files) {
    const text = stripComments(f.text);
    for (const m of text.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      if (!variables.has(m[1] as string)) problems.push(`${f.name}: var.${m[1]} is not declared`);
    }
    for (const m of text.matchAll(/\blocal\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      if (!locals.has(m[1] as string)) problems.push(`${f.name}: local.${m[1]} is not declared`);
    }
  }
  if (module.tfvarsExample) {
    for (const key of Object.keys(module.tfvarsExample)) {
      if (!variables.has(key)) problems.push(`terraform.tfvars.example: ${key} is not a declared variable`);
    }
    for (const f of module.files) {
      for (const [name, decls] of Object.entries((f.hcl.variable ?? {}) as Record<string, Hcl[]>)) {
        const required = !decls.some((d) => 'default' in d);
        if (required && !(name in (module.tfvarsExample ?? {}))) problems.push(`terraform.tfvars.example: required variable ${name} is missing`);
      }
    }
  } else {
    problems.push('terraform.tfvars.example is missing');
  }
  return [...new Set(problems)];
}

function resources(module: TerraformModule, type: string): Hcl[] {
  return module.files.flatMap((f) => Object.values(((f.hcl.resource as Hcl | undefined)?.[type] ?? {}) as Record<string, Hcl[]>).flat());
}

const first = (v: unknown): Hcl => ((Array.isArray(v) ? v[0] : v) ?? {}) as Hcl;

/** What the issue promises about the infrastructure, read from the parsed HCL. */
export function checkInfraPolicy(module: TerraformModule): string[] {
  const problems: string[] = [];
  const sql = resources(module, 'google_sql_database_instance');
  if (sql.length === 0) problems.push('no google_sql_database_instance');
  for (const db of sql) {
    if (db.database_version !== 'POSTGRES_17') problems.push(`Cloud SQL database_version is ${String(db.database_version)}, not POSTGRES_17`);
    const settings = first(db.settings);
    const ip = first(settings.ip_configuration);
    if (ip.ipv4_enabled !== false || !ip.private_network) problems.push('Cloud SQL must use a private IP only (ipv4_enabled = false, private_network set)');
    const backup = first(settings.backup_configuration);
    if (backup.enabled !== true || backup.point_in_time_recovery_enabled !== true) problems.push('Cloud SQL needs automated backups and point-in-time recovery');
  }
  const buckets = resources(module, 'google_storage_bucket');
  if (buckets.length === 0) problems.push('no google_storage_bucket');
  for (const b of buckets) {
    if (b.uniform_bucket_level_access !== true) problems.push('bucket: uniform_bucket_level_access must be true');
    if (first(b.versioning).enabled !== true) problems.push('bucket: versioning must be enabled');
    if (!b.lifecycle_rule) problems.push('bucket: no lifecycle rule for stale temporary objects');
  }
  if (resources(module, 'google_service_account_key').length > 0) problems.push('google_service_account_key creates a JSON key; use Workload Identity');
  for (const m of resources(module, 'google_project_iam_member')) {
    if (/roles\/(owner|editor|storage\.admin|storage\.objectAdmin)$/.test(String(m.role))) {
      problems.push(`project-wide ${String(m.role)} is broader than least privilege`);
    }
  }
  const clusters = resources(module, 'google_container_cluster');
  for (const c of clusters) {
    if (c.enable_autopilot !== true && !c.workload_identity_config) problems.push('GKE Standard cluster without workload_identity_config');
  }
  if (clusters.length === 0) problems.push('no google_container_cluster');
  return problems;
}
