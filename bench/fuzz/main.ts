// `npm run fuzz -- --events N [--seed S]`: the fuzz engine against a real server process.
// Exits non-zero when it found anything.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServerProcess } from '../../server/test/support/server-process.js';
import { runFuzz } from './engine.js';
import { printReport } from './summary.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '5000' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    concurrency: { type: 'string', default: '16' },
    exclude: { type: 'string', default: '' },
  },
});
const admin = { email: 'fuzz-admin@example.com', password: 'fuzz-admin-password' };
const server = await startServerProcess({
  env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, REST_REQUESTS_PER_MINUTE: '600000', TAKES_PER_MINUTE: '1000' },
});
let exited = false;
void server.exited.then(() => (exited = true));
const events = Number(values.events);
console.log(`fuzzing ${server.url} (pid ${server.pid}) with ${events} events, seed ${values.seed}`);
let report;
try {
  report = await runFuzz({
    url: server.url,
    events,
    seed: Number(values.seed),
    admin,
    concurrency: Number(values.concurrency),
    honestLoop: true,
    exclude: values.exclude!.split(',').filter(Boolean),
    measureHeap: true,
    alive: () => !exited,
    progress: (done) => process.stderr.write(`\r${done} / ${events}`),
  });
} finally {
  process.stderr.write('\n');
  if (exited) console.log(`the server exited; its last log lines:\n${server.logs.slice(-15).join('\n')}`);
  await server.stop();
}
const failed = printReport(report, { heapLimitMb: events >= 50_000 ? 20 : null });
const results = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
await mkdir(results, { recursive: true });
await writeFile(path.join(results, 'fuzz-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), excluded: values.exclude, ...report, honest: report.honest.slice(0, 20) }, null, 2)}\n`);
process.exit(failed ? 1 : 0);
