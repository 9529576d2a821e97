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

export const MB = 1024 * 1024;
