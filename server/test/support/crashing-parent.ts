// A fake server, named as such: it forks one real ffmpeg runner process, asks it for three live ffmpegs, and dies
// while handling the first ffmpeg stdin the runner hands over, as a server crashing in that listener did. It
// prints the runner's pid first. Run with `node --import tsx`.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ffmpegWavArgs } from '../../src/media/ffmpeg-wav.js';
import type { RunnerRequest } from '../../src/media/ffmpeg-runner-process.js';

const runnerPath = fileURLToPath(new URL('../../src/media/ffmpeg-runner-process.ts', import.meta.url));
const runner = fork(runnerPath, ['0'], { serialization: 'advanced', execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
console.log(JSON.stringify({ runner: runner.pid }));
runner.on('message', (reply: { t: string }) => {
  if (reply.t === 'ready') {
    for (let id = 1; id <= 3; id += 1) {
      const start: RunnerRequest = { t: 'start', id, args: ffmpegWavArgs('matroska', 'pipe:0', true, { file: '/dev/null', maxBytes: 1_000_000 }), stdin: 'pipe', limits: { timeoutMs: 600_000, maxOutputBytes: 1_000_000 } };
      runner.send(start);
    }
  }
  if (reply.t === 'stdin') process.exit(1); // before Node acknowledges the handle
});
