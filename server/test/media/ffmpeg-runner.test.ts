import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegRunner } from '../../src/media/ffmpeg-runner.js';
import { LiveTranscoder } from '../../src/media/live-transcoder.js';
import { transcodeToWav } from '../../src/media/transcode.js';
import { REPO_ROOT } from '../../src/paths.js';
import { FIXTURES } from '../fixtures/index.js';
import { finishLive } from '../support/live-wav.js';

const runner = new FfmpegRunner({ cwd: REPO_ROOT, processes: 2, nice: 7 });
afterAll(() => runner.close());

/** pid → [ppid, niceness, command name], from /proc. */
function processes(): Map<number, { ppid: number; nice: number; comm: string }> {
  const all = new Map<number, { ppid: number; nice: number; comm: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state, ppid, … nice is field 19 of stat, the 17th after the name.
      all.set(Number(entry), { ppid: Number(fields[1]), nice: Number(fields[16]), comm });
    } catch {
      // the process ended while we looked
    }
  }
  return all;
}

describe('the ffmpeg runner processes', () => {
  it('when a take is transcoded through a runner, then the WAV is the in-process one, and runner and ffmpeg run at the lower priority', async () => {
    const bytes = await readFile(FIXTURES.en1Webm);
    const live = new LiveTranscoder('audio/webm', { launcher: runner.launch });
    expect(live.write(0, bytes.subarray(0, 4800))).toBe(true);

    // While ffmpeg waits for the rest of the take: our runners, and the ffmpeg under one of them.
    let ffmpegs: { nice: number }[] = [];
    let runners: { nice: number }[] = [];
    for (let tries = 0; tries < 50 && ffmpegs.length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const table = processes();
      const runnerPids = [...table].filter(([, p]) => p.ppid === process.pid && p.comm.startsWith('node')).map(([pid]) => pid);
      runners = runnerPids.map((pid) => table.get(pid)!);
      ffmpegs = [...table.values()].filter((p) => runnerPids.includes(p.ppid) && p.comm.startsWith('ffmpeg'));
    }
    expect(ffmpegs).toHaveLength(1);
    expect(ffmpegs[0]!.nice).toBe(7);
    expect(runners.length).toBeGreaterThan(0);
    expect(runners.every((r) => r.nice === 7)).toBe(true);

    let seq = 1;
    for (let at = 4800; at < bytes.length; at += 4800) expect(live.write(seq++, bytes.subarray(at, at + 4800))).toBe(true);
    const { wav } = await finishLive(live);
    expect(wav.equals(await transcodeToWav(bytes, 'audio/webm'))).toBe(true);
  });
});
