// The load generator, always its own process: `node --import tsx bench/load.ts <scenario> <config.json>`.
// Progress goes out as JSON lines ({"progress":…}); the last line is {"result":…} with its own CPU use.
import { readFile } from 'node:fs/promises';
import { burst } from './scenarios/burst.js';
import { capacity } from './scenarios/capacity.js';
import { idleStreams } from './scenarios/idle.js';
import { byLength } from './scenarios/length.js';
import { streamingVsUpload } from './scenarios/upload.js';
import { webmChunks, longWebm } from './media.js';
import { round } from './stats.js';

const [scenario, configFile] = process.argv.slice(2);
const config = JSON.parse(await readFile(configFile!, 'utf8')) as Record<string, unknown> & { url: string };
const progress = (event: object) => console.log(JSON.stringify({ progress: event }));
const cpuBefore = process.cpuUsage();
const started = performance.now();

async function run(): Promise<object> {
  switch (scenario) {
    case 'capacity':
      return capacity(
        { url: config.url, speakers: Number(config.speakers), seconds: Number(config.seconds), seed: Number(config.seed ?? 1), chunks: await webmChunks(Number(config.takeSeconds)) },
        progress,
      );
    case 'burst':
      return burst(
        { url: config.url, speakers: Number(config.speakers), windowMs: Number(config.windowMs), seed: Number(config.seed ?? 1), chunks: await webmChunks(Number(config.takeSeconds)) },
        progress,
      );
    case 'length': {
      const lengths = config.lengths as number[];
      const takes = await Promise.all(lengths.map(async (seconds) => ({ seconds, chunks: await webmChunks(seconds) })));
      return { lengths: await byLength({ url: config.url, takes, perLength: Number(config.perLength) }) };
    }
    case 'upload': {
      const seconds = Number(config.seconds);
      return streamingVsUpload({
        url: config.url,
        seconds,
        chunks: await webmChunks(seconds),
        file: await readFile(await longWebm(seconds)),
        count: Number(config.count),
        bitsPerSecond: Number(config.bitsPerSecond),
      });
    }
    case 'idle':
      return idleStreams(
        { url: config.url, streams: Number(config.streams), chunks: await webmChunks(60), chunkEveryMs: Number(config.chunkEveryMs), holdSeconds: Number(config.holdSeconds) },
        progress,
      );
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

const result = await run();
const cpu = process.cpuUsage(cpuBefore);
const wallSeconds = (performance.now() - started) / 1000;
const loadCpuPercent = round(((cpu.user + cpu.system) / 1e6 / wallSeconds) * 100);
console.log(JSON.stringify({ result: { ...result, loadCpuPercent } }));
process.exit(0);
