// Memory per active stream: server RSS with N takes open and trickling, against the same server
// idle just before. The ffmpeg children (live transcoding) are reported beside the server process.
import type { ServerProcess } from '../../server/test/support/server-process.js';
import { runLoad } from '../load-process.js';
import { usage, type Usage } from '../proc.js';
import { sleep } from '../speaker.js';
import { round } from '../stats.js';

const KB = 1024;

export async function memoryPerStream(server: ServerProcess, options: { streams: number; holdSeconds: number }) {
  await sleep(2_000);
  const idle = usage(server.pid);
  let active: Usage | null = null;
  const result = await runLoad<{ streams: number; chunksFailed: number }>(
    'idle',
    { url: server.url, streams: options.streams, chunkEveryMs: 2_000, holdSeconds: options.holdSeconds },
    {
      timeoutMs: (options.holdSeconds + 180) * 1000,
      onProgress: (event) => {
        if (!event.ready) return;
        // Sample after the streams have run a while, when their buffers have reached their usual size.
        void sleep(Math.min(8_000, (options.holdSeconds * 1000) / 2)).then(() => (active = usage(server.pid)));
      },
    },
  );
  const at = active as Usage | null;
  if (!at) throw new Error('the streams ended before memory was sampled');
  const perStream = (a: number, b: number) => round((b - a) / result.streams / KB);
  return {
    streams: result.streams,
    chunksFailed: result.chunksFailed,
    serverRssIdleMb: round(idle.serverRss / KB / KB),
    serverRssActiveMb: round(at.serverRss / KB / KB),
    serverKbPerStream: perStream(idle.serverRss, at.serverRss),
    ffmpegProcesses: at.ffmpegCount,
    ffmpegRssKbPerStream: perStream(idle.ffmpegRss, at.ffmpegRss),
    ffmpegPssKbPerStream: perStream(idle.ffmpegPss, at.ffmpegPss),
    withFfmpegKbPerStream: perStream(idle.serverRss + idle.helperRss + idle.ffmpegPss, at.serverRss + at.helperRss + at.ffmpegPss),
    postgresKbPerStream: perStream(idle.postgresRss, at.postgresRss),
  };
}
