// npm run check:deploy: validates docker/, k8s/, infra/ and deployment/
// offline. Exits non-zero when any check fails; tools that are absent make
// their checks skip, with a message saying so.
import { repoRoot } from './paths.js';
import { detectTools, runAllChecks } from './run-all.js';
import type { CheckResult } from './result.js';

function print(result: CheckResult): void {
  const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' }[result.status];
  process.stdout.write(`${mark}  ${result.name}\n`);
  for (const c of result.checked) process.stdout.write(`        checked: ${c}\n`);
  if (result.skipReason) process.stdout.write(`        skipped: ${result.skipReason}\n`);
  for (const p of result.problems) process.stdout.write(`        - ${p}\n`);
}

const started = Date.now();
const tools = await detectTools();
process.stdout.write(`check:deploy  kubectl: ${tools.kubectl ? 'found' : 'absent'}  terraform: ${tools.terraform ? 'found' : 'absent'}\n\n`);
const results = await runAllChecks(repoRoot, tools);
results.forEach(print);

const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
process.stdout.write(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exitCode = count('fail') > 0 ? 1 : 0;
