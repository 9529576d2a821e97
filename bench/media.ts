// Real Opus inputs for the benchmarks. Concatenated WebM files are not a valid WebM, so a take of
// any length is encoded once with the bundled ffmpeg (the fixture WAV looped) and cached in a temp dir.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ffmpegPath } from '../server/src/media/ffmpeg-path.js';
import { FIXTURES } from '../server/test/fixtures/index.js';

/** What Chromium's MediaRecorder sends: about 4.8 KB every 300 ms (60 ms Opus frames). */
export const CHUNK_BYTES = 4_800;
export const CHUNK_MS = 300;

const CACHE_DIR = path.join(os.tmpdir(), 'emovox-bench-media');

function run(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

/** A WebM/Opus file of `seconds` of speech (the fixture utterance looped), made once and cached. */
export async function longWebm(seconds: number): Promise<string> {
  await mkdir(CACHE_DIR, { recursive: true });
  // At a nominal 68 kbit/s this libopus writes about 15.7 KB/s: 4.8 KB chunks then last about 300 ms each.
  const file = path.join(CACHE_DIR, `speech-${seconds}s-68k.webm`);
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.part`;
  const { code, stderr } = await run(ffmpegPath, [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-stream_loop', '-1', '-i', FIXTURES.en1Wav,
    '-t', String(seconds),
    '-ac', '1', '-ar', '48000',
    '-c:a', 'libopus', '-b:a', '68k', '-frame_duration', '60', '-application', 'audio',
    '-f', 'webm', partial,
  ]);
  if (code !== 0) throw new Error(`ffmpeg could not make a ${seconds} s WebM: ${stderr.trim()}`);
  await rename(partial, file);
  return file;
}

/** The bytes of a file cut into MediaRecorder-sized chunks, in order. */
export function splitBytes(data: Buffer, size = CHUNK_BYTES): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += size) chunks.push(data.subarray(offset, offset + size));
  return chunks;
}

export async function webmChunks(seconds: number): Promise<Buffer[]> {
  return splitBytes(await readFile(await longWebm(seconds)));
}

/** CPU seconds (user + system) of the ffmpeg CLI alone making the dataset WAV from `input`, best of `runs`. */
export async function ffmpegCliCpuSeconds(input: string, runs = 3): Promise<{ cpuSeconds: number; wallSeconds: number }> {
  // bash's `time` reports the CPU of the child it ran: what ffmpeg itself used.
  const command = `TIMEFORMAT='%U %S %R'; time "${ffmpegPath}" -hide_banner -loglevel error -nostdin -f webm -i "${input}" -map 0:a:0 -ac 1 -ar 16000 -c:a pcm_s16le -map_metadata -1 -fflags +bitexact -f wav -y /dev/null`;
  let best = { cpuSeconds: Infinity, wallSeconds: Infinity };
  for (let i = 0; i < runs; i++) {
    const { code, stderr } = await run('bash', ['-c', command]);
    if (code !== 0) throw new Error(`ffmpeg CLI failed: ${stderr.trim()}`);
    const [user, system, real] = stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
    if (user + system < best.cpuSeconds) best = { cpuSeconds: user + system, wallSeconds: real };
  }
  return best;
}
