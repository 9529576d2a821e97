// Operators and tests can tell how each take was finalized: from the live transcode, or in batch from the staged
// chunks. The metric carries the path as a label.
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { createSpeaker, recordSavedTake } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

/** Saved finalizes by path, from /metrics. */
async function savedByPath(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^emovox_finalize_seconds_count\{([^}]*)\} (\d+)/gm)) {
    const labels = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((label) => [label[1], label[2]]));
    if (labels.outcome === 'saved') counts[labels.path!] = (counts[labels.path!] ?? 0) + Number(match[2]);
  }
  return counts;
}

describe('the finalize path', () => {
  it('when a take is transcoded live, then its finalize is counted under path="live"', async () => {
    server = await startTestServer();
    const { token } = await createSpeaker(server.url);
    await recordSavedTake(server.url, token, FIXTURES.en1Webm);
    expect(await savedByPath(server.url)).toEqual({ live: 1 });
  });

  it('when no live transcode is allowed, then the take is finalized in batch and counted under path="batch"', async () => {
    server = await startTestServer({ env: { LIVE_TRANSCODE_MAX: '0' } });
    const { token } = await createSpeaker(server.url);
    await recordSavedTake(server.url, token, FIXTURES.en1Webm);
    await recordSavedTake(server.url, token, FIXTURES.en2Webm);
    expect(await savedByPath(server.url)).toEqual({ batch: 2 });
  });
});
