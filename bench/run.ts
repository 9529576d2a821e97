// `npm run bench`: ramps virtual speakers against a real server process and prints what it measured.
// Loopback only, bounded in time. Results go to bench/results/latest.json.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBenchServer } from './server-process.js';
import { round } from './stats.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    levels: { type: 'string', default: '10,50,100' },
    seconds: { type: 'string', default: '20' },
    'take-seconds': { type: 'string', default: '10' },
  },
});
const levels = values.levels!.split(',').map(Number);

function runLoad(url: string, speakers: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(HERE, 'load.ts'), '--url', url, '--speakers', String(speakers), '--seconds', values.seconds!, '--take-seconds', values['take-seconds']!],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => {
      const line = output.trim().split('\n').pop();
      if (code !== 0 || !line) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

const server = await startBenchServer();
const rows: Record<string, unknown>[] = [];
try {
  for (const speakers of levels) {
    const cpuBefore = server.cpuSeconds();
    const started = Date.now();
    const result = await runLoad(server.url, speakers);
    const wallSeconds = (Date.now() - started) / 1000;
    const row = {
      ...result,
      serverCpuPercent: round(((server.cpuSeconds() - cpuBefore) / wallSeconds) * 100),
      serverRssMb: round(server.rssBytes() / 1024 / 1024),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
} finally {
  await server.stop();
}

const header = ['speakers', 'ack p50 ms', 'ack p99 ms', 'chunks', 'lost', 'saved', 'failed', 'stop→saved p50 ms', 'stop→saved p99 ms', 'server CPU %', 'server RSS MB'];
const keys = ['speakers', 'ackP50', 'ackP99', 'chunksSent', 'chunksLost', 'takesSaved', 'takesFailed', 'stopToSavedP50', 'stopToSavedP99', 'serverCpuPercent', 'serverRssMb'];
const table = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${keys.map((k) => String(row[k] ?? '')).join(' | ')} |`)].join('\n');
console.log(`\n${table}\n`);
await mkdir(path.join(HERE, 'results'), { recursive: true });
await writeFile(
  path.join(HERE, 'results', 'latest.json'),
  JSON.stringify({ at: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length }, options: values, rows }, null, 2),
);
await writeFile(path.join(HERE, 'results', 'latest.md'), `${table}\n`);
