import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres';
import { createLogger } from '../../server/src/logger';
import { FIXTURES } from '../../server/test/fixtures/index';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { agreeToConsent, savedTake, sleep, waitForStatus } from './support/speaker-page';

// The traffic light in real Chromium, with the fake microphone (0.5 s of silence, then 4.2 s of speech): Record,
// "get ready", "speak now", Stop, "finishing", saved; then the row says what the page did. The server runs on its
// own PostgreSQL here so that the test can read the row.
describe.skipIf(chromiumMissing)('pre-roll and post-roll in real Chromium', () => {
  let root: string;
  let database: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  let server: ServerProcess;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'emovox-e2e-pg-'));
    await chmod(root, 0o755);
    database = await startEmbeddedPostgres({ dir: path.join(root, 'data'), password: 'e2e-password', log: createLogger('warn'), database: 'emovox' });
    server = await startServerProcess({ env: { DATABASE_URL: database.url } });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('when a speaker records, then "get ready" turns to "speak now", Stop runs a post-roll, and the take stores both marks with about 0.5 s of audio after the Stop press', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await agreeToConsent(page);
      await page.getByText('Joy', { exact: true }).click();
      const region = page.getByTestId('cue-region');
      expect(await region.getAttribute('aria-live')).toBe('polite');
      // Every cue the region shows, in order, seen by the page itself (the amber one lasts only half a second).
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { cues: string[] }).cues = seen;
        const target = document.querySelector('[data-testid="cue-region"]')!;
        new MutationObserver(() => {
          const text = target.textContent ?? '';
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(target, { childList: true, subtree: true, characterData: true });
      });
      const cues = () => page.evaluate(() => (window as unknown as { cues: string[] }).cues);

      await page.getByRole('button', { name: 'Record' }).click();
      await page.getByTestId('cue').and(page.locator('[data-cue="speak"]')).waitFor();
      await browser.shot('cue-01-speak-now');
      expect(await cues()).toEqual(['Get ready…', 'Speak now']);
      await sleep(4_500); // the fake microphone speaks
      await page.getByRole('button', { name: 'Stop' }).click();
      await waitForStatus(page, /^Saved$/);
      expect(await cues()).toEqual(['Get ready…', 'Speak now', 'Finishing the take…']);
      expect(await page.getByTestId('cue').count()).toBe(0);

      const { takeId } = await savedTake(page);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT state, speak_at_ms, stop_pressed_at_ms, duration_ms, quality FROM takes WHERE id = $1', [takeId]);
        const row = rows[0] as { state: string; speak_at_ms: number; stop_pressed_at_ms: number; duration_ms: number; quality: { flags: string[]; leadingSilenceMs: number } };
        console.log('e2e marks:', { speakAtMs: row.speak_at_ms, stopPressedAtMs: row.stop_pressed_at_ms, durationMs: row.duration_ms, quality: row.quality });
        expect(row.state).toBe('saved');
        expect(row.speak_at_ms).toBeGreaterThanOrEqual(500);
        expect(row.speak_at_ms).toBeLessThan(1_000);
        expect(row.stop_pressed_at_ms).toBeGreaterThan(4_000);
        // The post-roll: about half a second of audio after the Stop press (the encoder's frames round it).
        const after = row.duration_ms - row.stop_pressed_at_ms;
        expect(after).toBeGreaterThanOrEqual(300);
        expect(after).toBeLessThanOrEqual(900);
        // The fake microphone's 0.5 s of silence plus the pre-roll: the speech does not touch the start.
        expect(row.quality.flags).not.toContain('cut_off');
      } finally {
        await client.end();
      }
    } finally {
      await browser.close();
    }
  });
});
