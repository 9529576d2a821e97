import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../server/test/fixtures/index';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { agreeToConsent, savedTake, speakerToken, waitForStatus } from './support/speaker-page';

// A server whose longest take is 3 s: the recorder must press Stop by itself (at 2 s; the post-roll ends at 2.5 s)
// and the take be saved.
describe.skipIf(chromiumMissing)('the longest take in real Chromium', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ env: { MAX_TAKE_SECONDS: '3' } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('when a speaker records without pressing Stop, then the page counts down, stops by itself before the limit and the take is saved', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await agreeToConsent(page);
      await page.getByText('A take lasts at most 3 s.').waitFor();
      await page.getByText('Joy', { exact: true }).click();
      await page.getByRole('button', { name: 'Record' }).click();
      await page.getByTestId('countdown').waitFor();
      await browser.shot('limit-01-countdown');
      await waitForStatus(page, /^Saved$/);
      await page.getByText('The recording stopped by itself at the 3 s limit.').waitFor();
      await browser.shot('limit-02-saved');

      const { takeId } = await savedTake(page);
      const token = await speakerToken(page);
      const take = (await (await fetch(`${server.url}/api/v1/takes/${takeId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        state: string;
        durationMs: number;
      };
      console.log('e2e auto-stopped take:', take.durationMs, 'ms');
      expect(take.state).toBe('saved');
      expect(take.durationMs).toBeGreaterThan(1_500);
      expect(take.durationMs).toBeLessThanOrEqual(4_000);
    } finally {
      await browser.close();
    }
  });
});
