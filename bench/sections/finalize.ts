// Finalize efficiency: the CPU the server (with its ffmpeg runner and ffmpeg) spends between stop and saved,
// per second of audio, against the ffmpeg CLI alone turning the same WebM into the same WAV.
// One take at a time on an otherwise idle server, so the CPU counters see only that take.
import type { ServerProcess } from '../../server/test/support/server-process.js';
import { ffmpegCliCpuSeconds, longWebm, webmChunks } from '../media.js';
import { usage, type Usage } from '../proc.js';
import { scrape, total } from '../prom.js';
import { VirtualSpeaker, sentenceIds, sleep } from '../speaker.js';
import { round } from '../stats.js';

const cpuOf = (u: Usage) => u.serverCpu + u.helperCpu + u.ffmpegCpu;

export async function finalizeEfficiency(server: ServerProcess, options: { seconds: number; takes: number }) {
  const chunks = await webmChunks(options.seconds);
  const [sentence] = await sentenceIds(server.url, 1);
  const before = await scrape(server.url);
  let finalizeCpu = 0;
  let wholeTakeCpu = 0;
  const states: string[] = [];
  for (let i = 0; i < options.takes; i++) {
    const speaker = await VirtualSpeaker.create(server.url);
    await sleep(500);
    const atStart = usage(server.pid);
    let atStop = atStart;
    // Unpaced (each chunk once the previous is acked): the CPU of the stop→saved window is what counts.
    const timing = await speaker.recordTake(sentence!, chunks, { chunkMs: 0, beforeStop: () => (atStop = usage(server.pid)) });
    await sleep(300); // the ffmpeg child is reaped, so its CPU shows in the server's children time
    const atEnd = usage(server.pid);
    states.push(timing.state);
    finalizeCpu += cpuOf(atEnd) - cpuOf(atStop);
    wholeTakeCpu += cpuOf(atEnd) - cpuOf(atStart);
    speaker.close();
  }
  const after = await scrape(server.url);
  const finalizeCount = total(after, 'emovox_finalize_seconds_count') - total(before, 'emovox_finalize_seconds_count');
  const finalizeSum = total(after, 'emovox_finalize_seconds_sum') - total(before, 'emovox_finalize_seconds_sum');
  const audioSeconds = options.seconds * options.takes;
  const cli = await ffmpegCliCpuSeconds(await longWebm(options.seconds));
  const serverMsPerAudioSecond = (finalizeCpu / audioSeconds) * 1000;
  const cliMsPerAudioSecond = (cli.cpuSeconds / options.seconds) * 1000;
  return {
    takeSeconds: options.seconds,
    takes: options.takes,
    states,
    serverFinalizeWallMeanMs: finalizeCount > 0 ? round((finalizeSum / finalizeCount) * 1000) : null,
    serverFinalizeCpuMsPerAudioSecond: round(serverMsPerAudioSecond, 2),
    serverWholeTakeCpuMsPerAudioSecond: round((wholeTakeCpu / audioSeconds) * 1000, 2),
    ffmpegCliCpuMsPerAudioSecond: round(cliMsPerAudioSecond, 2),
    ffmpegCliWallMs: round(cli.wallSeconds * 1000),
    ratio: round(serverMsPerAudioSecond / cliMsPerAudioSecond, 2),
  };
}
