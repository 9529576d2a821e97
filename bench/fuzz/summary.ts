// The fuzz report as text, and its verdict.
import type { FuzzReport } from './engine.js';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `  ${key.padEnd(20)} ${n}`)
    .join('\n');

/** Prints the report; true when the run found something. */
export function printReport(report: FuzzReport, options: { heapLimitMb: number | null }): boolean {
  const honestProblems = report.honest.filter((h) => h.problem);
  const heapGrowth = report.heapMb?.growth ?? null;
  const heapTooHigh = options.heapLimitMb !== null && heapGrowth !== null && heapGrowth > options.heapLimitMb;
  console.log(`\nfuzz: ${report.events} events in ${report.seconds} s, seed ${report.seed}`);
  console.log(`events by kind:\n${list(report.byKind)}`);
  console.log(`answers (codes, ok, HTTP statuses without a code):\n${list(report.codes)}`);
  console.log(
    `honest takes: ${report.honest.length}, saved ${report.honest.filter((h) => h.state === 'saved').length}, r ≥ ${Math.min(...report.honest.map((h) => h.r ?? 0)).toFixed(3)}`,
  );
  const race = report.race;
  console.log(`races: ${race.speakers} fresh speakers, ${race.started} takes started (${race.refused} refused), ${race.chunks} chunks fired, ${race.discarded} discarded and ${race.deleted} deleted as soon as acknowledged`);
  console.log(`health: ${report.health.checks} checks of /healthz, ${report.health.failures.length} failed${report.health.failures.length ? `\n  ${report.health.failures.join('\n  ')}` : ''}`);
  if (report.heapMb) {
    console.log(`heapUsed (lowest of 5 scrapes): before ${report.heapMb.before} MB, after a quiet period with every take ended ${report.heapMb.after} MB, growth ${heapGrowth} MB${options.heapLimitMb !== null ? ` (limit ${options.heapLimitMb} MB)` : ''}`);
  }
  console.log(report.anomalies.length === 0 ? 'anomalies: none' : `anomalies (${report.anomalies.length}):`);
  for (const a of report.anomalies) console.log(`  [${a.count}×] ${a.what}\n      e.g. ${a.example}`);
  return report.anomalies.length > 0 || honestProblems.length > 0 || report.health.failures.length > 0 || heapTooHigh;
}
