// `npm run fuzz -- --events N [--seed S]`: the fuzz engine against a real server process.
// Exits non-zero when it found anything.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServerProcess } from '../../server/test/support/server-process.js';
import { runFuzz } from './engine.js';
import { HoldingsWatch, settledHoldings } from './holdings.js';
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
// Its own spool directory, so that the files live takes hold can be counted; abandoned takes are swept within
// seconds, so that at the end every take has ended and the server must hold no ffmpeg and no spool file.
const spoolDir = await mkdtemp(path.join(os.tmpdir(), 'emovox-fuzz-spool-'));
const server = await startServerProcess({
  env: {
    ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, REST_REQUESTS_PER_MINUTE: '600000', TAKES_PER_MINUTE: '1000',
    SPOOL_DIR: spoolDir, STALE_TAKE_SECONDS: '20', SWEEP_INTERVAL_SECONDS: '2',
  },
});
const holdingsWatch = new HoldingsWatch(server.pid, spoolDir);
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
    settled: () => settledHoldings(server.pid, spoolDir, 90_000),
    alive: () => !exited,
    progress: (done) => process.stderr.write(`\r${done} / ${events}`),
  });
} finally {
  process.stderr.write('\n');
  await holdingsWatch.stop();
  if (exited) console.log(`the server exited; its last log lines:\n${server.logs.slice(-15).join('\n')}`);
}
// Every take has ended or is abandoned (swept after STALE_TAKE_SECONDS): nothing may be left live.
const left = exited ? null : await settledHoldings(server.pid, spoolDir, 90_000);
const diedDuringRun = exited; // stop() below ends the process on purpose
await server.stop();
await rm(spoolDir, { recursive: true, force: true });
const failed = printReport(report, { heapLimitMb: events >= 50_000 ? 20 : null });
console.log(`server pid ${server.pid}: ${diedDuringRun ? 'EXITED during the run' : 'the same process, alive and healthy to the end'}`);
console.log(`live holdings: peak ${holdingsWatch.peak.ffmpegs} ffmpegs and ${holdingsWatch.peak.spoolFiles} spool files during the run; ${left ? `${left.ffmpegs} ffmpegs and ${left.spoolFiles} spool files left ${left.seconds} s after it` : 'not checked'}`);
const leftBehind = left === null || left.ffmpegs > 0 || left.spoolFiles > 0;
if (leftBehind) console.log('FAIL: ended takes left ffmpegs or spool files behind');
const results = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
await mkdir(results, { recursive: true });
await writeFile(path.join(results, 'fuzz-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), excluded: values.exclude, ...report, honest: report.honest.slice(0, 20) }, null, 2)}\n`);
process.exit(failed || leftBehind || diedDuringRun ? 1 : 0);
