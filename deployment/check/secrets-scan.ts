// Key material must never be committed, and nothing may point the Google
// client libraries at a key file: pods authenticate with Workload Identity.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const keyMaterial: [RegExp, string][] = [
  [/-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----/, 'a private key'],
  [/"type"\s*:\s*"service_account"/, 'a service account JSON key'],
  [/"private_key_id"\s*:/, 'a service account JSON key'],
];
// Documentation and the checker's own sources may name the variable.
const configFile = /(\.ya?ml|\.tf|\.tfvars(\.example)?|\.env|\.sh|Dockerfile|\.json)$/;

export async function listFiles(dir: string, skip: (path: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (skip(path) || e.name === 'node_modules' || e.name === '.terraform') continue;
    if (e.isDirectory()) files.push(...(await listFiles(path, skip)));
    else if (e.isFile()) files.push(path);
  }
  return files;
}

export async function scanForKeys(root: string, files: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const name = relative(root, file);
    for (const [pattern, what] of keyMaterial) if (pattern.test(text)) problems.push(`${name}: contains ${what}`);
    if (configFile.test(file) && text.includes('GOOGLE_APPLICATION_CREDENTIALS')) {
      problems.push(`${name}: sets GOOGLE_APPLICATION_CREDENTIALS; use Workload Identity instead of key files`);
    }
  }
  return problems;
}
