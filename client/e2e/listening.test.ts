import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TakeJson } from '../../server/src/protocol/index';
import { loadConfig } from '../../server/src/config';
import { openDatabase, type OpenedDatabase } from '../../server/src/db/open-database';
import { createLogger } from '../../server/src/logger';
import { FIXTURES } from '../../server/test/fixtures/index';
import { createSpeaker } from '../../server/test/support/speaker-client';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { ADMIN, ADMIN_ENV, login, requestJson, uploadTake } from '../../server/test/supervisors/helpers';
import type { PerceivedTake } from '../src/lib/listen-types';
import { launchBrowser, type Browser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { signIn } from './support/screens';

// A listener rates three clips with the keyboard alone, on the real server with takes that went through the
// real pipeline (upload, ffmpeg, object store); the ratings are then read back from PostgreSQL.

interface RatingRow {
  take_id: string;
  emotion: string;
  intensity: number | null;
  problems: string[];
  plays: number;
  response_ms: number;
  repeat: boolean;
  counted: boolean;
}

/** Presses Tab until `selector` has the focus: the way a keyboard user gets to a control. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

const ANSWERS = [
  { digit: 'Digit3', heard: 'anger', intensityKey: 'KeyE', intensity: 3 },
  { digit: 'Digit0', heard: 'other', intensityKey: null, intensity: null },
  { digit: 'Digit5', heard: 'fear', intensityKey: 'KeyT', intensity: 5 },
] as const;

describe.skipIf(chromiumMissing)('listening in real Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let database: OpenedDatabase;
  let speaker: { speakerId: string; token: string };
  let takes: TakeJson[];
  let admin: string;

  beforeAll(async () => {
    // No declared repeats here, so that three clips are the three takes (repeats are tested on the server).
    server = await startServerProcess({ env: { ...ADMIN_ENV, LISTEN_REPEAT_SHARE: '0' } });
    speaker = await createSpeaker(server.url, 'en');
    takes = [];
    for (const emotion of ['joy', 'sadness', 'anger']) takes.push(await uploadTake(server.url, speaker.token, { emotion, fixture: FIXTURES.en1Webm }));
    admin = await login(server.url, ADMIN.email, ADMIN.password);
    // The server's own embedded PostgreSQL, shared the way the export CLI shares it.
    database = await openDatabase(loadConfig({ DATA_DIR: server.dataDir, NODE_ENV: 'test' }), createLogger('warn'), { migrate: false, poolMax: 1 });
    browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport: { width: 390, height: 844 } });
  });

  afterAll(async () => {
    await browser?.close();
    await database?.close();
    await server?.stop();
  });

  const takeAsSupervisor = (takeId: string) => requestJson<PerceivedTake>(server.url, `/takes/${takeId}`, { token: admin });

  it('when a listener rates three clips using only the keyboard, then the ratings are stored and the takes gain their perception', async () => {
    for (const take of takes) expect((await takeAsSupervisor(take.takeId)).perception).toBeNull();
    // A supervisor watches the live board in another tab while the listener rates.
    const monitor = await browser.context.newPage();
    await signIn(monitor, server.url, 'en');
    await monitor.goto(`${server.url}/monitor?lang=en`);
    await monitor.locator('.live-link[data-link="live"]').waitFor();
    const { page } = browser;
    await page.bringToFront();
    await page.goto(`${server.url}/listen?lang=en`);
    // Consent, by keyboard too.
    await tabTo(page, 'main form button[type="submit"]');
    await page.keyboard.press('Enter');

    let previous: string | null = null;
    for (const [index, answer] of ANSWERS.entries()) {
      const clip = page.locator(previous ? `[data-testid="clip"]:not([data-assignment="${previous}"])` : '[data-testid="clip"]');
      await clip.waitFor();
      previous = await clip.getAttribute('data-assignment');
      if (index === 0) {
        // Not heard yet (the first clip waits for Space): Enter sends nothing, and the page says why.
        await page.keyboard.press('Enter');
        await page.getByTestId('listen-announce').filter({ hasText: 'Listen to the whole clip first' }).waitFor();
      }
      await page.keyboard.press('Space');
      await page.getByTestId('heard-state').filter({ hasText: 'Heard to the end' }).waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.keyboard.press(answer.digit);
      if (answer.intensityKey) await page.keyboard.press(answer.intensityKey);
      await page.keyboard.press('Enter');
      await page.getByTestId('listen-progress').filter({ hasText: `Rated this visit: ${index + 1}` }).waitFor();
    }
    await browser.shot('listening-after-three');

    const [rows] = (await database.db.sequelize.query(
      'SELECT take_id, emotion, intensity, problems, plays, response_ms, repeat, counted FROM ratings ORDER BY created_at',
    )) as [RatingRow[], unknown];
    expect(rows.map((row) => [row.emotion, row.intensity])).toEqual(ANSWERS.map((answer) => [answer.heard, answer.intensity]));
    for (const row of rows) {
      expect(row.plays).toBeGreaterThanOrEqual(1);
      expect(row.response_ms).toBeGreaterThan(0);
      expect(row.problems).toEqual([]);
      expect(takes.map((take) => take.takeId)).toContain(row.take_id);
    }
    // Three clips were the three takes, each rated once and counted: each take's perception is that one vote.
    expect(new Set(rows.map((row) => row.take_id)).size).toBe(3);
    expect(rows.every((row) => row.counted && !row.repeat)).toBe(true);
    for (const row of rows) {
      const perception = (await takeAsSupervisor(row.take_id)).perception;
      expect(perception?.ratings).toBe(1);
      expect(perception?.perceivedEmotion).toBe(row.emotion);
      expect(perception?.votes[row.emotion as keyof NonNullable<typeof perception>['votes']]).toBe(1);
    }
    // Nothing left for this listener: the friendly empty state.
    await page.getByTestId('listen-empty').waitFor();
    // The ratings arrived live on the board, newest first.
    await monitor.waitForFunction(() => document.querySelectorAll('[data-testid="rating-feed"] li').length === 3);
    const fed = await monitor.locator('[data-testid="rating-feed"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-heard')));
    expect(fed).toEqual(ANSWERS.map((answer) => answer.heard).reverse());
    await monitor.close();
  });

  it('when the supervisor opens a rated take in review, then the perception shows beside the intention', async () => {
    const [[first]] = (await database.db.sequelize.query('SELECT take_id, emotion FROM ratings WHERE counted ORDER BY created_at LIMIT 1')) as [
      { take_id: string; emotion: string }[],
      unknown,
    ];
    const { page } = browser;
    await signIn(page, server.url, 'en');
    await page.goto(`${server.url}/review?take=${first!.take_id}&lang=en`);
    const panel = page.getByTestId('perception');
    await panel.waitFor();
    const heardName = { anger: 'Anger', other: 'Other', fear: 'Fear' }[first!.emotion]!;
    expect(await panel.getByTestId('perceived').textContent()).toContain(heardName);
    expect(await panel.getByTestId('agreement').textContent()).toBe('100% of 1 ratings');
    expect(await panel.getByTestId('votes').locator(`li[data-heard="${first!.emotion}"]`).textContent()).toContain('1');
    // At phone width, nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await browser.shot('listening-review');
  });

  it('when the speaker who recorded every clip opens /listen, then nothing is offered (never their own takes): the empty state shows', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/listen?lang=en`);
    await page.evaluate((token) => localStorage.setItem('emovox.speakerToken', token), speaker.token);
    await page.reload();
    await page.getByTestId('listen-empty').waitFor();
    expect(await page.getByRole('heading', { name: 'Nothing left to rate for now' }).isVisible()).toBe(true);
  });
});
