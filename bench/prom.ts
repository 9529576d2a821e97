// Reads the server's Prometheus text from /metrics into { 'name{labels}': value }.
export type Samples = Map<string, number>;

export async function scrape(url: string): Promise<Samples> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`/metrics: ${response.status}`);
  const samples: Samples = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** Sum of every sample of `name` whose labels include `labels` (e.g. 'outcome="saved"'). */
export function total(samples: Samples, name: string, labels = ''): number {
  let sum = 0;
  for (const [key, value] of samples) {
    const bare = key.split('{')[0];
    if (bare === name && key.includes(labels)) sum += value;
  }
  return sum;
}

/**
 * The share (%) of a histogram's observations between two scrapes that fell at or below `le`, one of its bucket
 * bounds as /metrics writes it (e.g. '0.05'); null when nothing was observed.
 */
export function shareWithin(before: Samples, after: Samples, name: string, le: string): number | null {
  const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const count = delta(`${name}_count`);
  if (count <= 0) return null;
  return Math.round((delta(`${name}_bucket{le="${le}"}`) / count) * 1000) / 10;
}

export const MB = 1024 * 1024;
