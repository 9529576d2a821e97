// `npm run bench [-- --quick] [-- --only capacity|length|upload|memory|finalize|bundle|monitor|burst|listening]`: the
// benchmarks against a real server process, with the load generator as a separate process. Capacity and burst
// also run the yardstick recorder (bench/yardstick.ts) at each level, for emovox / yardstick ratios.
// `--n 150` (or `--n 50,150`): the burst sizes; `--profile DIR`: the burst's server writes V8 CPU profiles there;
// `--env NAME=VALUE` (repeatable): a setting for the server under load, to compare configurations.
// Loopback only, bounded in time. Writes bench/results/latest.json, latest.md and latency.svg;
// with --only, the other sections keep their previous results.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBenchServer } from './bench-server.js';
import { markdown } from './results-markdown.js';
import { latencySvg } from './report.js';
import { clientBundle } from './sections/bundle.js';
import { burstSideBySide } from './sections/burst.js';
import { ACK_P99_BAR_MS, capacityRamp } from './sections/capacity.js';
import { finalizeEfficiency } from './sections/finalize.js';
import { takeLengths } from './sections/length.js';
import { listeningAtScale } from './sections/listening.js';
import { memoryPerStream } from './sections/memory.js';
import { monitorLatency } from './sections/monitor.js';
import { uploadComparison } from './sections/upload.js';

const SECTIONS = ['bundle', 'capacity', 'length', 'upload', 'memory', 'finalize', 'monitor', 'burst', 'listening'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    levels: { type: 'string' },
    n: { type: 'string' },
    profile: { type: 'string' },
    env: { type: 'string', multiple: true },
  },
});
const quick = values.quick!;
const only = values.only?.split(',') as Section[] | undefined;
if (only?.some((s) => !SECTIONS.includes(s))) throw new Error(`--only takes ${SECTIONS.join('|')}`);
const wanted = (section: Section) => !only || only.includes(section);

const settings = {
  capacity: {
    levels: values.levels?.split(',').map(Number) ?? (quick ? [10, 50] : [10, 50, 100, 150, 200, 300, 500, 750, 1000]),
    seconds: quick ? 12 : 30,
    takeSeconds: quick ? 5 : 10,
  },
  length: { lengths: quick ? [5, 10] : [5, 30, 60], perLength: quick ? 2 : 7 },
  upload: { seconds: quick ? 10 : 60, count: quick ? 1 : 2, bitsPerSecond: 1_000_000 },
  memory: { streams: quick ? 20 : 100, holdSeconds: quick ? 10 : 20 },
  finalize: { seconds: quick ? 10 : 60, takes: 3 },
  monitor: { takes: quick ? 1 : 3, chunksPerTake: 12 },
  listening: { takes: 20_000, listeners: 200, rounds: quick ? 3 : 10, maxSeconds: quick ? 30 : 90 },
  burst: { levels: values.n?.split(',').map(Number) ?? (quick ? [50] : [50, 100, 150, 200]), takeSeconds: 9, windowMs: 300 },
};
if (settings.burst.levels.some((n) => !Number.isInteger(n) || n < 1 || n > 1000)) throw new Error('--n takes burst sizes from 1 to 1000');

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const latest = path.join(RESULTS, 'latest.json');
const previous = existsSync(latest) ? (JSON.parse(await readFile(latest, 'utf8')) as { sections?: Record<string, unknown> }) : {};
const sections: Record<string, unknown> = only ? { ...(previous.sections ?? {}) } : {};
const record = (name: Section, data: unknown) => {
  sections[name] = { at: new Date().toISOString(), quick, settings: (settings as Record<string, unknown>)[name] ?? null, data };
  console.log(`\n## ${name}\n${JSON.stringify(data, null, 2)}`);
};

const begin = performance.now();
if (wanted('bundle')) record('bundle', await clientBundle());
// Memory first, on a fresh server: after the ramp, the heap and pools are no longer at rest.
if (wanted('memory')) {
  const server = await startBenchServer();
  try {
    record('memory', await memoryPerStream(server, settings.memory));
  } finally {
    await server.stop();
  }
}
// Two replicas of their own, on one shared database.
if (wanted('monitor')) record('monitor', await monitorLatency(settings.monitor));
// Its own server and database, seeded by SQL.
if (wanted('listening')) record('listening', await listeningAtScale(settings.listening));
// --env NAME=VALUE: settings for the servers of the burst and of the capacity, length, upload and finalize sections.
// Split at the first '=' only: a value may hold more (a database URL's query string).
const env: Record<string, string> = Object.fromEntries(
  (values.env ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--env takes NAME=VALUE, not ${pair}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
// On a server of its own: a burst on a server still finalizing the ramp's takes would measure those.
if (wanted('burst')) {
  const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const server = await startBenchServer(env, nodeArgs);
  try {
    record('burst', await burstSideBySide(server, settings.burst));
  } finally {
    await server.stop();
  }
}
if (SECTIONS.some((s) => !['bundle', 'memory', 'monitor', 'burst', 'listening'].includes(s) && wanted(s))) {
  const server = await startBenchServer(env);
  try {
    if (wanted('capacity')) record('capacity', await capacityRamp(server, settings.capacity));
    if (wanted('length')) record('length', await takeLengths(server, settings.length));
    if (wanted('upload')) record('upload', await uploadComparison(server, settings.upload));
    if (wanted('finalize')) record('finalize', await finalizeEfficiency(server, settings.finalize));
  } finally {
    await server.stop();
  }
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
const output = { at: new Date().toISOString(), machine, lastRunSeconds: Math.round((performance.now() - begin) / 1000), sections };
await mkdir(RESULTS, { recursive: true });
await writeFile(latest, `${JSON.stringify(output, null, 2)}\n`);
const md = markdown(output);
await writeFile(path.join(RESULTS, 'latest.md'), md);
const capacity = (sections.capacity as { data?: { rows: { speakers: number; ackP50: number | null; ackP99: number | null }[] } } | undefined)?.data;
if (capacity) await writeFile(path.join(RESULTS, 'latency.svg'), `${latencySvg(capacity.rows, ACK_P99_BAR_MS)}\n`);
console.log(`\n${md}`);
process.exit(0);
