// `npm run soak -- --minutes N [--speakers S]`: a moderate load held for N minutes against a real
// server process. Every 10 s: server RSS, heapUsed and event-loop delay. Then the RSS slope.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBenchServer } from './bench-server.js';
import { runLoad } from './load-process.js';
import { MB } from './prom.js';
import { Sampler } from './sampler.js';
import { round, slope } from './stats.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, speakers: { type: 'string', default: '50' } } });
const minutes = Number(values.minutes);
const speakers = Number(values.speakers);
if (!(minutes > 0 && minutes <= 24 * 60)) throw new Error('--minutes must be within (0, 1440]');

const server = await startBenchServer();
const sampler = new Sampler(server.url, server.pid);
let load: Record<string, unknown>;
try {
  console.log(`soak: ${speakers} speakers for ${minutes} min against ${server.url}`);
  load = await runLoad('capacity', { url: server.url, speakers, seconds: minutes * 60, takeSeconds: 10, seed: 1 }, {
    timeoutMs: (minutes * 60 + 300) * 1000,
    onProgress: (event) => {
      if (!event.ready) return;
      sampler.start(10_000);
      console.log('   t s | RSS MB | heapUsed MB | loop p99 ms | loop max ms');
    },
  });
} finally {
  sampler.stop();
  await server.stop();
}
const series = sampler.samples.map((s) => ({
  t: s.atSeconds,
  rssMb: round(s.usage.serverRss / MB),
  heapUsedMb: s.heapUsedMb,
  lagP99Ms: s.lagP99Ms,
  lagMaxMs: s.lagMaxMs,
}));
for (const s of series) {
  console.log(`${String(s.t).padStart(6)} | ${String(s.rssMb).padStart(6)} | ${String(s.heapUsedMb).padStart(11)} | ${String(s.lagP99Ms).padStart(11)} | ${String(s.lagMaxMs).padStart(11)}`);
}
const minutesAxis = series.map((s) => s.t / 60);
// The first minute fills caches and pools; the slope after it says whether memory keeps growing.
const settled = series.filter((s) => s.t >= 60);
// RSS rises between full GCs and falls back at each one (HEAP_GROWING_PERCENT lets the old generation double
// first): a sawtooth, whose straight-line slope depends on where in a tooth the run ends. The troughs, the
// samples right after a fall of more than 10 %, show what memory stays.
const troughs = series.filter((s, i) => i > 0 && s.rssMb! < series[i - 1]!.rssMb! * 0.9);
const result = {
  minutes,
  speakers,
  samples: series.length,
  rssSlopeMbPerMin: round(slope(minutesAxis, series.map((s) => s.rssMb!)), 2),
  rssSlopeAfterFirstMinuteMbPerMin: round(slope(settled.map((s) => s.t / 60), settled.map((s) => s.rssMb!)), 2),
  heapSlopeMbPerMin: round(slope(minutesAxis, series.map((s) => s.heapUsedMb ?? 0)), 2),
  rssTroughs: troughs.map((s) => ({ t: s.t, rssMb: s.rssMb, heapUsedMb: s.heapUsedMb })),
  rssTroughSlopeMbPerMin: troughs.length >= 2 ? round(slope(troughs.map((s) => s.t / 60), troughs.map((s) => s.rssMb!)), 2) : null,
  load,
  series,
};
console.log(JSON.stringify({ ...result, series: undefined }, null, 2));
const results = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
await mkdir(results, { recursive: true });
await writeFile(path.join(results, 'soak-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
process.exit(0);
