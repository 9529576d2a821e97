// What the server process and its children (embedded PostgreSQL, ffmpeg) use, read from Linux /proc.
import { readFileSync, readdirSync } from 'node:fs';

const TICKS = 100;

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, seconds */
  cpu: number;
  /** cutime + cstime of reaped children, seconds */
  childCpu: number;
  rssBytes: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      comm,
      cpu: (Number(fields[11]) + Number(fields[12])) / TICKS,
      childCpu: (Number(fields[13]) + Number(fields[14])) / TICKS,
      rssBytes: Number(fields[21]) * 4096,
    };
  } catch {
    return null; // it exited meanwhile
  }
}

/** Proportional set size: shared pages (the static ffmpeg binary) split between the processes using them. */
function pssBytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return Number(match?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The process and all of its descendants. */
export function processTree(root: number): Stat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is Stat => stat !== null);
  const children = new Map<number, Stat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const tree: Stat[] = [];
  const rootStat = all.find((stat) => stat.pid === root);
  const queue = rootStat ? [rootStat] : [];
  while (queue.length > 0) {
    const next = queue.shift()!;
    tree.push(next);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return tree;
}

export interface Usage {
  /** The Node server alone. */
  serverCpu: number;
  /** Other Node processes under the server (the ffmpeg runner). */
  helperCpu: number;
  helperRss: number;
  /** Live ffmpeg processes plus the reaped children of the Node processes (ffmpeg, once it exited). */
  ffmpegCpu: number;
  /** The postmaster and its backends. */
  postgresCpu: number;
  serverRss: number;
  ffmpegRss: number;
  ffmpegPss: number;
  ffmpegCount: number;
  postgresRss: number;
}

export function usage(serverPid: number): Usage {
  const tree = processTree(serverPid);
  const server = tree[0];
  const ffmpeg = tree.filter((stat) => stat.comm === 'ffmpeg');
  const postgres = tree.filter((stat) => stat.comm.startsWith('postgres'));
  const helpers = tree.slice(1).filter((stat) => stat.comm === 'node');
  const sum = (stats: Stat[], pick: (stat: Stat) => number) => stats.reduce((total, stat) => total + pick(stat), 0);
  return {
    serverCpu: server?.cpu ?? 0,
    helperCpu: sum(helpers, (s) => s.cpu),
    helperRss: sum(helpers, (s) => s.rssBytes),
    ffmpegCpu: (server?.childCpu ?? 0) + sum(helpers, (s) => s.childCpu) + sum(ffmpeg, (s) => s.cpu),
    postgresCpu: sum(postgres, (s) => s.cpu + s.childCpu),
    serverRss: server?.rssBytes ?? 0,
    ffmpegRss: sum(ffmpeg, (s) => s.rssBytes),
    ffmpegPss: sum(ffmpeg, (s) => pssBytes(s.pid)),
    ffmpegCount: ffmpeg.length,
    postgresRss: sum(postgres, (s) => s.rssBytes),
  };
}

/** CPU % of one core for each group between two readings. */
export function cpuPercent(before: Usage, after: Usage, wallSeconds: number) {
  const pct = (a: number, b: number) => Math.round(((b - a) / wallSeconds) * 1000) / 10;
  return {
    server: pct(before.serverCpu, after.serverCpu),
    runner: pct(before.helperCpu, after.helperCpu),
    ffmpeg: Math.max(0, pct(before.ffmpegCpu, after.ffmpegCpu)),
    postgres: pct(before.postgresCpu, after.postgresCpu),
  };
}
