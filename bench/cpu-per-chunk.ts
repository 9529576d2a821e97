// Where the CPU goes under the capacity load: each process's CPU time per chunk acknowledged, and what a level
// would need at that cost. A chunk stands for everything a speaker causes while streaming (its share of take
// starts, stops and finalizes included), so the sum times the chunk rate is the load's whole CPU demand.
import { CHUNK_MS } from './media.js';

type Row = Record<string, unknown>;

const round3 = (value: number) => Math.round(value * 1000) / 1000;

const PARTS = [
  ['server', 'serverCpuPercent'],
  ['ffmpeg runners', 'runnerCpuPercent'],
  ['ffmpeg', 'ffmpegCpuPercent'],
  ['PostgreSQL', 'postgresCpuPercent'],
  ['load generator', 'loadCpuPercent'],
] as const;

/** CPU ms per acknowledged chunk, by process, for one capacity row. */
export function cpuMsPerChunk(row: Row): Record<string, number> & { total: number } {
  const chunksPerSecond = Number(row.chunksAcked) / Number(row.wallSeconds);
  const parts: Record<string, number> = Object.fromEntries(PARTS.map(([name, key]) => [name, round3((Number(row[key]) * 10) / chunksPerSecond)]));
  const total = round3(Object.values(parts).reduce((sum, ms) => sum + ms, 0));
  return { ...parts, total };
}

/** Cores the given number of speakers would keep busy at a row's cost per chunk. */
export function coresNeeded(speakers: number, msPerChunk: number): number {
  return Math.round((speakers * (1000 / CHUNK_MS) * msPerChunk) / 10) / 100;
}
