import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Page } from 'playwright-core';
import type { Campaign, CampaignSession } from '../../server/src/protocol/index';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { openDatabase } from '../../server/src/db/open-database';
import { FIXTURES } from '../../server/test/fixtures/index';
import { createCampaign, session } from '../../server/test/campaigns/campaign-helpers';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { ADMIN, ADMIN_ENV, login } from '../../server/test/supervisors/helpers';
import { launchBrowser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { savedTake, speakerToken, waitForAcked, waitForStatus } from './support/speaker-page';
import { signIn } from './support/screens';

/** Tab until the element has focus: the speaker uses the keyboard alone. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached ${selector} by Tab`);
}

const promptCount = async (page: Page) => (await page.getByTestId('prompt-count').textContent())?.trim() ?? '';
const shownPromptId = async (page: Page) => (await page.getByTestId('prompt').getAttribute('data-prompt')) ?? '';

// The end-to-end case: a speaker joins by link and records three prompts by keyboard alone, while a
// supervisor on another page sends a redo request that the speaker sees and re-records.
describe.skipIf(chromiumMissing)('a guided recording session in real Chromium', () => {
  let server: ServerProcess;
  let database: pg.Client;
  let closeDatabase: () => Promise<void>;

  beforeAll(async () => {
    server = await startServerProcess({ env: ADMIN_ENV });
    const opened = await openDatabase(loadConfig({ NODE_ENV: 'test', DATA_DIR: server.dataDir }), createLogger('warn'), { migrate: false });
    database = new pg.Client({ connectionString: opened.url });
    await database.connect();
    closeDatabase = async () => {
      await database.end();
      await opened.close();
    };
  });
  afterAll(async () => {
    await closeDatabase?.();
    await server?.stop();
  });

  it('when a speaker joins by link and records three prompts by keyboard, then a redo sent from the monitor is seen and re-recorded', async () => {
    const timings: Record<string, number> = {};
    const since = (start: number) => Math.round(performance.now() - start);
    const supervisorToken = await login(server.url, ADMIN.email, ADMIN.password);
    const campaign = await createCampaign(server.url, supervisorToken, { name: 'Keyboard study', locale: 'en', emotions: ['joy', 'anger', 'sadness'], sessionSize: 3 });

    const browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport: { width: 1280, height: 900 } });
    const speaker = browser.page;
    const monitor = await browser.context.newPage();
    monitor.setDefaultTimeout(30_000);
    try {
      await signIn(monitor, server.url, 'en');
      await monitor.goto(`${server.url}/monitor?lang=en`);
      await monitor.locator('.live-link[data-link="live"]').waitFor();

      // Join by link: consent first (this browser has no speaker token), by Tab and Enter.
      const started = performance.now();
      await speaker.goto(`${server.url}/join/${campaign.code}?lang=en`);
      await tabTo(speaker, 'button[type="submit"]');
      await speaker.keyboard.press('Enter');
      await speaker.getByTestId('prompt').waitFor();
      timings.joinToFirstPromptMs = since(started);
      expect(new URL(speaker.url()).pathname).toBe('/');
      expect(await promptCount(speaker)).toBe('Prompt 1 of 3');
      // The keyboard hint speaks of the session's keys (N moves on), not of free recording's emotion keys.
      expect(await speaker.locator('.keys-hint').textContent()).toContain('N or Enter');

      const takes: { takeId: string; promptId: string }[] = [];
      const recordShownPrompt = async (label: string) => {
        const promptId = await shownPromptId(speaker);
        await speaker.locator('button.record:not([disabled])').waitFor();
        await speaker.keyboard.press('Space');
        await waitForStatus(speaker, 'Recording');
        await waitForAcked(speaker, 3);
        const stopAt = performance.now();
        await speaker.keyboard.press('Space');
        await waitForStatus(speaker, /^Saved$/);
        timings[`${label}StopToSavedMs`] = since(stopAt);
        const { takeId } = await savedTake(speaker);
        takes.push({ takeId, promptId });
        return takeId;
      };

      const first = await recordShownPrompt('prompt1');
      await speaker.keyboard.press('n');
      await speaker.waitForFunction(() => document.querySelector('[data-testid="prompt-count"]')?.textContent === 'Prompt 2 of 3');
      await recordShownPrompt('prompt2');

      // The supervisor asks for the first take again, from the monitor's feed.
      const entry = monitor.locator(`[data-testid="feed"] li[data-take="${first}"][data-state="saved"]`);
      await entry.waitFor({ timeout: 60_000 });
      await entry.getByTestId('redo-button').click();
      const dialog = monitor.getByTestId('redo-dialog');
      await dialog.getByRole('radio', { name: 'Too quiet' }).check();
      await dialog.getByLabel('Note for the speaker (optional)').fill('Closer to the microphone, please.');
      const sentAt = performance.now();
      await dialog.getByRole('button', { name: 'Send the request' }).click();
      await speaker.getByTestId('redo-banner').waitFor();
      timings.redoSentToSpeakerSeesMs = since(sentAt);
      expect(await speaker.getByTestId('redo-reason').textContent()).toBe('Reason: too quiet');
      expect(await speaker.getByTestId('redo-banner').textContent()).toContain('Closer to the microphone, please.');

      // Next brings the redone prompt back to the front; the speaker records it again.
      await speaker.keyboard.press('n');
      await speaker.waitForFunction((id) => document.querySelector('[data-testid="prompt"]')?.getAttribute('data-prompt') === id, takes[0]!.promptId);
      expect(await promptCount(speaker)).toBe('Prompt 2 of 3');
      const redone = await recordShownPrompt('redo');
      await speaker.getByTestId('redo-banner').waitFor({ state: 'detached' });

      await speaker.keyboard.press('n');
      await speaker.waitForFunction(() => document.querySelector('[data-testid="prompt-count"]')?.textContent === 'Prompt 3 of 3');
      await recordShownPrompt('prompt3');
      await speaker.keyboard.press('n');
      await speaker.getByTestId('session-done').waitFor();
      timings.wholeSessionMs = since(started);
      expect(await speaker.getByTestId('session-done').textContent()).toContain('You recorded 3 of 3 prompts in “Keyboard study”.');
      await browser.shot('guided-session-done');

      // In the database: the first take rejected with the reason, kept; the new one saved with the same prompt.
      const rows = await database.query<{ id: string; state: string; review: string; review_note: string | null; prompt_id: string | null }>(
        'SELECT id, state, review, review_note, prompt_id FROM takes WHERE id = ANY($1::uuid[])',
        [takes.map((take) => take.takeId)],
      );
      const byId = new Map(rows.rows.map((row) => [row.id, row]));
      expect(byId.get(first)).toMatchObject({ state: 'saved', review: 'rejected', review_note: 'too_quiet: Closer to the microphone, please.', prompt_id: takes[0]!.promptId });
      expect(byId.get(redone)).toMatchObject({ state: 'saved', review: 'pending', prompt_id: takes[0]!.promptId });
      expect(redone).not.toBe(first);
      const redos = await database.query<{ reason: string; prompt_id: string }>('SELECT reason, prompt_id FROM take_redos WHERE take_id = $1', [first]);
      expect(redos.rows).toEqual([{ reason: 'too_quiet', prompt_id: takes[0]!.promptId }]);
      const counted = await database.query<{ n: string }>(
        `SELECT count(DISTINCT t.prompt_id) AS n FROM takes t JOIN campaign_prompts p ON p.id = t.prompt_id
          WHERE p.campaign_id = $1 AND t.state = 'saved' AND t.review <> 'rejected'`,
        [campaign.id],
      );
      expect(Number(counted.rows[0]!.n)).toBe(3);

      // The session and the campaign count the same.
      const finalSession: CampaignSession = await session(server.url, await speakerToken(speaker), campaign.id);
      expect(finalSession).toMatchObject({ done: 3, total: 3, next: null });
      const campaignNow = await (await fetch(`${server.url}/api/v1/campaigns/${campaign.id}`, { headers: { Authorization: `Bearer ${supervisorToken}` } })).json() as Campaign;
      expect(campaignNow.progress).toMatchObject({ done: 3, speakers: 1 });
    } finally {
      console.log(`guided-session e2e timings (ms): ${JSON.stringify(timings)}`);
      await browser.close();
    }
  });

  it('when a campaign has listen-back, then Next waits for the take to be played, a re-record keeps the old take as replaced, and /campaigns fills live', async () => {
    const supervisorToken = await login(server.url, ADMIN.email, ADMIN.password);
    const campaign = await createCampaign(server.url, supervisorToken, { name: 'Listen study', locale: 'en', emotions: ['fear', 'disgust'], sessionSize: 2, listenBack: true });
    const browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport: { width: 390, height: 844 } });
    const speaker = browser.page;
    const board = await browser.context.newPage();
    board.setDefaultTimeout(30_000);
    try {
      await signIn(board, server.url, 'en');
      await board.goto(`${server.url}/campaigns?lang=en`);
      await board.locator(`[data-testid="campaign-detail"][data-campaign="${campaign.id}"] [data-testid="coverage-grid"]`).waitFor();
      expect(await board.locator('[data-testid="coverage-grid"] td.full').count()).toBe(0);

      await speaker.goto(`${server.url}/join/${campaign.code}?lang=en`);
      await tabTo(speaker, 'button[type="submit"]');
      await speaker.keyboard.press('Enter');
      await speaker.getByTestId('prompt').waitFor();
      const promptId = await shownPromptId(speaker);
      const recordOnce = async () => {
        await speaker.locator('button.record:not([disabled])').waitFor();
        await speaker.keyboard.press('Space');
        await waitForStatus(speaker, 'Recording');
        await waitForAcked(speaker, 3);
        await speaker.keyboard.press('Space');
        await waitForStatus(speaker, /^Saved$/);
        await speaker.getByTestId('play-take').waitFor();
        return (await savedTake(speaker)).takeId;
      };

      const kept = await recordOnce();
      expect(await speaker.getByTestId('next').isDisabled()).toBe(true);
      await speaker.getByTestId('listen-first').waitFor();
      await speaker.keyboard.press('n'); // refused until played
      expect(await shownPromptId(speaker)).toBe(promptId);
      expect(await speaker.getByTestId('result').count()).toBe(1);
      await speaker.keyboard.press('Space'); // plays the take to its end
      await speaker.getByTestId('listen-first').waitFor({ state: 'detached' });
      expect(await speaker.getByTestId('next').isDisabled()).toBe(false);

      // Re-record it: the same prompt, the old take kept and marked replaced.
      await speaker.keyboard.press('r');
      await speaker.getByTestId('replacing').waitFor();
      const replacement = await recordOnce();
      expect(await shownPromptId(speaker)).toBe(promptId);
      await speaker.keyboard.press('Space');
      await speaker.getByTestId('listen-first').waitFor({ state: 'detached' });
      await speaker.keyboard.press('n');
      await speaker.waitForFunction(() => document.querySelector('[data-testid="prompt-count"]')?.textContent === 'Prompt 2 of 2');

      const rows = await database.query<{ id: string; state: string; review: string; prompt_id: string; replaced_by: string | null }>(
        'SELECT id, state, review, prompt_id, replaced_by FROM takes WHERE id = ANY($1::uuid[])',
        [[kept, replacement]],
      );
      const byId = new Map(rows.rows.map((row) => [row.id, row]));
      expect(byId.get(kept)).toMatchObject({ state: 'saved', review: 'pending', prompt_id: promptId, replaced_by: replacement });
      expect(byId.get(replacement)).toMatchObject({ state: 'saved', prompt_id: promptId, replaced_by: null });

      // The supervisor's page filled by itself: one cell done, one speaker with 1 of 2.
      await board.locator('[data-testid="coverage-grid"] td.full').first().waitFor();
      expect(await board.locator('[data-testid="coverage-grid"] td.full').count()).toBe(1);
      await board.locator('[data-testid="speaker-progress"] tbody tr', { hasText: '1 / 2' }).waitFor();
      await board.locator('[data-testid="campaign-progress"]', { hasText: `1 of ${campaign.progress.cells} cells done` }).waitFor();
    } finally {
      await browser.close();
    }
  });
});
