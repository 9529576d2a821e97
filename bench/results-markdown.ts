// bench/results/latest.md from latest.json: one Markdown table per section.
import { coresNeeded, cpuMsPerChunk } from './cpu-per-chunk.js';
import { facts, table } from './report.js';

type Row = Record<string, unknown>;
interface Output {
  at: string;
  machine: Row;
  sections: Record<string, unknown>;
}

/** `{a: 1}` with prefix `y` → `{'y.a': 1}`, to put two objects' figures in one table row. */
function prefixed(prefix: string, object: unknown): Row {
  return Object.fromEntries(Object.entries((object ?? {}) as Row).map(([key, value]) => [`${prefix}.${key}`, value]));
}

/** A burst row with its ack p99 by phase of the take in one cell (rows from before the phases have none). */
function withAckPhases(row: Row): Row {
  const phases = row.ackP99ByPhase as { start: number | null; middle: number | null; end: number | null } | undefined;
  return phases ? { ...row, ackP99Phases: `${phases.start} / ${phases.middle} / ${phases.end}` } : row;
}

export function markdown(output: Output): string {
  const parts = [
    `# emovox benchmarks`,
    ``,
    `${output.at} · ${String(output.machine.cpus)} cores (${String(output.machine.cpuModel)}), ${String(output.machine.memoryGb)} GB, Node ${String(output.machine.node)}. Loopback; the load generator is a separate process on the same 2 cores.`,
  ];
  const section = (name: string) => output.sections[name] as { at: string; quick: boolean; data: Row } | undefined;
  const heading = (name: string, title: string) => {
    const s = section(name)!;
    parts.push('', `## ${title}`, '', `_${s.at}${s.quick ? ' · quick run' : ''}_`, '');
  };

  if (section('capacity')) {
    heading('capacity', 'Capacity (≈4.8 KB every 300 ms per speaker, back-to-back 10 s takes)');
    const data = section('capacity')!.data as { rows: Row[]; highestHolding: number | null };
    parts.push(
      table(data.rows, [
        ['speakers', 'speakers'], ['ack p50 ms', 'ackP50'], ['ack p99 ms', 'ackP99'], ['ack max ms', 'ackMax'],
        ['chunks', 'chunksSent'], ['lost', 'chunksLost'], ['failed', 'chunksFailed'], ['takes saved', 'takesSaved'],
        ['not saved', 'takesNotSaved'], ['stop→saved p50 ms', 'stopToSavedP50'], ['stop→saved p99 ms', 'stopToSavedP99'],
        ['server CPU %', 'serverCpuPercent'], ['ffmpeg runner CPU %', 'runnerCpuPercent'], ['ffmpeg CPU %', 'ffmpegCpuPercent'], ['postgres CPU %', 'postgresCpuPercent'],
        ['load gen CPU %', 'loadCpuPercent'], ['server RSS MB', 'serverRssMb'], ['ffmpeg procs', 'ffmpegProcessesMax'],
        ['event loop p99 ms', 'eventLoopP99Ms'], ['event loop max ms', 'eventLoopMaxMs'], ['holds', 'holds'],
      ]),
      '',
      'The same levels against the yardstick recorder (bench/yardstick.ts) just before, in the same run, and emovox / yardstick (× < 1: emovox is better):',
      '',
      table(
        data.rows.map((row) => ({ speakers: row.speakers, ...prefixed('y', row.yardstick), ...prefixed('x', row.yardstickRatio) })),
        [
          ['speakers', 'speakers'], ['yardstick ack p99 ms', 'y.ackP99'], ['ack p99 ×', 'x.ackP99'], ['yardstick stop→saved p50 ms', 'y.stopToSavedP50'],
          ['stop→saved p50 ×', 'x.stopToSavedP50'], ['yardstick stop→saved p99 ms', 'y.stopToSavedP99'], ['stop→saved p99 ×', 'x.stopToSavedP99'],
          ['yardstick takes saved', 'y.takesSaved'], ['yardstick CPU %', 'y.cpuPercent'], ['CPU ×', 'x.cpuPercent'],
        ],
      ),
      '',
      `Highest level holding p99 ack ≤ 50 ms with nothing lost or failed: **${data.highestHolding ?? 'none'}**. CPU % is of one core (200 % = both). "load gen CPU %" near 100 means the load generator itself saturated a core.`,
      '',
      'Where the time goes: CPU ms per acknowledged chunk, by process, and the cores 500 speakers would need at that cost.',
      '',
      table(
        data.rows.map((row) => {
          const cost = cpuMsPerChunk(row);
          return { speakers: row.speakers, ...cost, cores500: coresNeeded(500, cost.total) };
        }),
        [
          ['speakers', 'speakers'], ['server', 'server'], ['ffmpeg runners', 'ffmpeg runners'], ['ffmpeg', 'ffmpeg'],
          ['PostgreSQL', 'PostgreSQL'], ['load generator', 'load generator'], ['total ms', 'total'], ['cores for 500 speakers', 'cores500'],
        ],
      ),
    );
  }
  if (section('burst')) {
    const data = section('burst')!.data as { windowMs: number; takeSeconds: number; rows: Row[] };
    heading('burst', `Burst: N speakers start within ${data.windowMs} ms, stream ${data.takeSeconds} s of Opus in real time, stop together`);
    parts.push(
      table(
        data.rows.flatMap((row) => [
          { speakers: row.speakers, who: 'yardstick', ...withAckPhases(row.yardstick as Row) },
          { speakers: row.speakers, who: 'emovox', ...withAckPhases(row.emovox as Row) },
          { speakers: row.speakers, who: 'emovox / yardstick', ...(row.ratio as Row) },
        ]),
        [
          ['speakers', 'speakers'], ['', 'who'], ['saved', 'takesSaved'], ['not saved', 'takesNotSaved'], ['lost', 'chunksLost'],
          ['ack p50 ms', 'ackP50'], ['ack p99 ms', 'ackP99'], ['ack p99 first 3 / middle / last 3 chunks', 'ackP99Phases'], ['acks ≤ 50 ms %', 'acksWithin50MsPct'], ['acks ≤ 50 ms inside the server %', 'serverAcksWithin50MsPct'], ['stop→saved p50 ms', 'stopToSavedP50'], ['stop→saved p99 ms', 'stopToSavedP99'],
          ['of which to the stop ack, p50 ms', 'stopAckedP50'], ['server CPU s', 'serverCpuS'], ['runners CPU s', 'runnerCpuS'], ['ffmpeg CPU s', 'ffmpegCpuS'], ['postgres CPU s', 'postgresCpuS'],
          ['total CPU s', 'totalCpuS'], ['ffmpeg procs', 'ffmpegProcessesMax'], ['live / batch', 'finalizePaths'],
        ],
      ),
      '',
      'CPU seconds are over the burst (from the first take:start to the last take saved), per process group. The yardstick is one process: no database, no replica safety (see bench/yardstick.ts).',
    );
  }
  if (section('length')) {
    heading('length', 'Stop-to-saved by take length');
    const data = section('length')!.data as { rows: Row[]; flatness: number | null; serverFinalizeMeanMs: number | null };
    parts.push(
      table(data.rows, [['take s', 'seconds'], ['takes', 'takes'], ['saved', 'saved'], ['stop→saved p50 ms', 'stopToSavedP50'], ['max ms', 'stopToSavedMax'], ['each ms', 'stopToSavedMs']]),
      '',
      `Longest / shortest p50: **${data.flatness ?? '–'}** (1 = flat). Server finalize mean (emovox_finalize_seconds): ${data.serverFinalizeMeanMs ?? '–'} ms.`,
    );
  }
  if (section('upload')) {
    heading('upload', 'Streaming against whole-file upload, simulated uplink');
    const data = section('upload')!.data as Row & { streaming: Row; upload: Row };
    parts.push(
      table(
        [
          { way: 'streaming (take:chunk)', ...data.streaming },
          { way: 'whole file (POST /takes)', ...data.upload },
        ],
        [['way', 'way'], ['stop→saved p50 ms', 'p50'], ['each ms', 'stopToSavedMs']],
      ),
      '',
      `${String(data.seconds)} s takes (${String(data.fileBytes)} bytes) over ${String(data.uplinkMbit)} Mbit/s, shaped in the load generator. Upload / streaming: **${String(data.ratio)}×**.`,
    );
  }
  if (section('memory')) {
    heading('memory', 'Memory per active stream');
    parts.push(
      facts(section('memory')!.data, {
        streams: 'open takes, trickling a chunk every 2 s',
        serverRssIdleMb: 'server RSS idle, MB',
        serverRssActiveMb: 'server RSS with the streams, MB',
        serverKbPerStream: 'server process, KB per stream',
        ffmpegProcesses: 'ffmpeg children',
        ffmpegPssKbPerStream: 'ffmpeg children (PSS), KB per stream',
        ffmpegRssKbPerStream: 'ffmpeg children (RSS, shared pages counted each time), KB per stream',
        withFfmpegKbPerStream: 'server + ffmpeg runner + ffmpeg (PSS), KB per stream',
        postgresKbPerStream: 'PostgreSQL, KB per stream',
      }),
    );
  }
  if (section('finalize')) {
    heading('finalize', 'Finalize efficiency');
    parts.push(
      facts(section('finalize')!.data, {
        takeSeconds: 'take length, s',
        takes: 'takes (one at a time)',
        serverFinalizeWallMeanMs: 'server finalize wall time, mean ms (emovox_finalize_seconds)',
        serverFinalizeCpuMsPerAudioSecond: 'server + its ffmpeg, CPU ms per audio second, stop→saved',
        serverWholeTakeCpuMsPerAudioSecond: 'server + its ffmpeg, CPU ms per audio second, whole take (ingest included)',
        ffmpegCliCpuMsPerAudioSecond: 'ffmpeg CLI alone, CPU ms per audio second',
        ratio: 'server finalize / ffmpeg CLI',
      }),
    );
  }
  if (section('monitor')) {
    heading('monitor', 'Monitor latency: a speaker on replica B, supervisors on A and on B');
    type Summary = { samples: number; p50: number | null; p99: number | null; max: number | null };
    const data = section('monitor')!.data as { sessionUpdate: Record<string, Summary>; savedTake: Record<string, Summary> };
    const rows = [
      { what: 'chunk acked → monitor:session shows it, same replica', ...data.sessionUpdate.sameReplica },
      { what: 'chunk acked → monitor:session shows it, across replicas', ...data.sessionUpdate.crossReplica },
      { what: 'speaker sees saved → monitor:take saved, same replica', ...data.savedTake.sameReplica },
      { what: 'speaker sees saved → monitor:take saved, across replicas', ...data.savedTake.crossReplica },
    ];
    parts.push(table(rows, [['what', 'what'], ['samples', 'samples'], ['p50 ms', 'p50'], ['p99 ms', 'p99'], ['max ms', 'max']]));
  }
  if (section('listening')) {
    heading('listening', 'Listening: GET /listen/next + answer, 200 listeners at once');
    type Summary = { count: number; p50: number | null; p99: number | null; max: number | null };
    type Plan = { executionMs: number; nodes: string[] };
    const data = section('listening')!.data as {
      takes: number; ratingsSeeded: number; seconds: number; overFilledTakes: number; statuses: Record<string, number>;
      floor: Summary; soloNext: Summary; soloAnswer: Summary; next: Summary; answer: Summary; pairsPerSecond: number; plan: { withIndexes: Plan; anyLocale: Plan; withoutListenableIndex: Plan };
    };
    parts.push(
      `${data.takes} saved takes, ${data.ratingsSeeded} ratings seeded; ${data.seconds} s of load, ${data.pairsPerSecond} answered clips per second; answers: ${JSON.stringify(data.statuses)}; takes over-filled: **${data.overFilledTakes}**.`,
      '',
      table([
        { what: 'one listener alone: GET /listen/next', ...data.soloNext }, { what: 'one listener alone: POST /listen/assignments/:id', ...data.soloAnswer },
        { what: '200 at once: GET /limits with a speaker token (the floor)', ...data.floor },
        { what: '200 at once: GET /listen/next', ...data.next }, { what: '200 at once: POST /listen/assignments/:id', ...data.answer },
      ], [['what', 'what'], ['requests', 'count'], ['p50 ms', 'p50'], ['p99 ms', 'p99'], ['max ms', 'max']]),
      '',
      `Fill query: ${data.plan.withIndexes.executionMs} ms with its indexes (\`${data.plan.withIndexes.nodes.join(' / ').replace(/\s+/g, ' ')}\`), ${data.plan.anyLocale.executionMs} ms for any locale, ${data.plan.withoutListenableIndex.executionMs} ms without the takes_listenable indexes.`,
    );
  }
  if (section('bundle')) {
    heading('bundle', 'Client bundle');
    const data = section('bundle')!.data as { recorderJsGzipKb: number | null; budgetKb: number | null; chunks: string[] };
    parts.push(`Recorder page JS: **${data.recorderJsGzipKb ?? '–'} KB gzip** (budget ${data.budgetKb ?? '–'} KB).`, '', ...data.chunks.map((c) => `    ${c}`));
  }
  return `${parts.join('\n')}\n`;
}
