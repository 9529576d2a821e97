import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeletionJson, TakeJson } from '../../server/src/protocol/index';
import { FIXTURES } from '../../server/test/fixtures/index';
import { call, connectRecorder, createSpeaker, randomSentence, splitIntoChunks, type RecordSocket } from '../../server/test/support/speaker-client';
import { ADMIN, ADMIN_ENV, login, request, requestJson, supervisorTokens, uploadTake } from '../../server/test/supervisors/helpers';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser, type Browser } from './support/browser';
import { ARTIFACTS_DIR, chromiumMissing } from './support/paths';
import { sleep } from './support/speaker-page';

// A supervisor watches a speaker (a real socket.io client) record live, then reviews the take.
const CHUNK_GAP_MS = 300;

async function chunksShown(page: Page, speakerId: string): Promise<number> {
  const text = await page.locator(`[data-speaker="${speakerId}"] [data-testid="chunks-received"]`).textContent();
  return Number(text ?? -1);
}

async function waitForChunksAbove(page: Page, speakerId: string, above: number): Promise<number> {
  await page.waitForFunction(
    ([id, n]) => Number(document.querySelector(`[data-speaker="${id}"] [data-testid="chunks-received"]`)?.textContent ?? -1) > Number(n),
    [speakerId, above] as const,
    { timeout: 30_000 },
  );
  return chunksShown(page, speakerId);
}

describe.skipIf(chromiumMissing)('supervisor pages in real Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let speaker: RecordSocket | undefined;

  beforeAll(async () => {
    server = await startServerProcess({ env: ADMIN_ENV });
    browser = await launchBrowser(FIXTURES.en1FakeMic);
  });

  afterAll(async () => {
    speaker?.close();
    await browser?.close();
    await server?.stop();
  });

  it('when a speaker streams a take, then the supervisor sees it live, sees it saved in the feed, plays it in review and accepts it', async () => {
    const { page } = browser;

    // 1. Log in; the page asked for comes back after the login form.
    await page.goto(`${server.url}/monitor?lang=en`);
    await page.getByRole('heading', { name: 'Supervisor login' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await browser.shot('supervisor-01-login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Live sessions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/monitor');
    await page.locator('.live-link[data-link="live"]').waitFor();
    await page.getByText('No one is recording right now').waitFor();
    await browser.shot('supervisor-02-monitor-empty');

    // 2. A speaker connects and streams a take slowly; the board shows it and its chunks grow.
    const { speakerId, token } = await createSpeaker(server.url, 'en');
    const sentence = await randomSentence(server.url, 'en');
    speaker = await connectRecorder(server.url, token);
    const started = await call<{ takeId: string }>(speaker, 'take:start', {
      sentenceId: sentence.id,
      emotion: 'joy',
      mimeType: 'audio/webm;codecs=opus',
      clientTakeId: randomUUID(),
    });
    if (!started.ok) throw new Error(`take:start failed: ${JSON.stringify(started)}`);
    const { takeId } = started;
    const chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
    const card = page.locator(`[data-speaker="${speakerId}"]`);
    await card.waitFor();

    let firstSeen = -1;
    let laterSeen = -1;
    for (const [seq, data] of chunks.entries()) {
      const ack = await call(speaker, 'take:chunk', { takeId, seq, data, peak: 0.2 + 0.6 * Math.abs(Math.sin(seq / 3)) });
      expect(ack.ok).toBe(true);
      if (seq === 4) {
        firstSeen = await waitForChunksAbove(page, speakerId, 0);
        await card.getByText(sentence.text).waitFor();
        await browser.shot('supervisor-03-monitor-live');
      }
      if (seq === chunks.length - 3) laterSeen = await waitForChunksAbove(page, speakerId, firstSeen);
      await sleep(CHUNK_GAP_MS);
    }
    expect(firstSeen).toBeGreaterThan(0);
    expect(laterSeen).toBeGreaterThan(firstSeen);
    expect(await card.getByText('Joy').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('count-recording').textContent()).toBe('1');

    // 3. Stop: the take is saved and shows in the feed, newest first.
    const stopped = await call<{ state: string }>(speaker, 'take:stop', { takeId, lastSeq: chunks.length - 1 });
    expect(stopped.ok).toBe(true);
    const savedEntry = page.locator(`[data-testid="feed"] li[data-take="${takeId}"][data-state="saved"]`);
    await savedEntry.waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="feed"] li').first().getAttribute('data-take')).toBe(takeId);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-saved"]')?.textContent) >= 1);
    await browser.shot('supervisor-04-monitor-saved');

    // 4. Open it in review, play it, accept it.
    await savedEntry.getByRole('link').click();
    await page.getByRole('heading', { name: 'Review takes' }).waitFor();
    const detail = page.locator(`[data-testid="take-detail"][data-take="${takeId}"]`);
    await detail.waitFor();
    await detail.getByTestId('waveform').waitFor();
    await detail.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="audio"]');
      return !!audio && audio.currentTime > 0.3;
    });
    await browser.shot('supervisor-05-review-playing');
    await detail.getByLabel('Note (optional)').fill('Clear and joyful.');
    await detail.getByRole('button', { name: 'Accept' }).click();
    await page.locator('[role="status"]', { hasText: 'marked as Accepted.' }).waitFor();
    await browser.shot('supervisor-06-review-accepted');

    const adminToken = await login(server.url, ADMIN.email, ADMIN.password);
    const take = await requestJson<TakeJson>(server.url, `/takes/${takeId}`, { token: adminToken });
    expect(take).toMatchObject({ takeId, state: 'saved', review: 'accepted', reviewNote: 'Clear and joyful.', emotion: 'joy' });
  });

  it('when the pages are opened in French on a phone-sized screen, then stats, sentences and review render and log out leads back to login', async () => {
    const uploader = await createSpeaker(server.url, 'fr');
    const pending = await uploadTake(server.url, uploader.token, { emotion: 'anger', intensity: 'high', fixture: FIXTURES.fr1Webm });
    const phone = await launchBrowser(FIXTURES.en1FakeMic, { viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const { page } = phone;
    try {
      await page.goto(`${server.url}/stats?lang=fr`);
      await page.getByLabel('E-mail').fill(ADMIN.email);
      await page.getByLabel('Mot de passe').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Statistiques' }).waitFor();
      await page.getByTestId('day-chart').waitFor();
      await phone.shot('supervisor-07-stats-fr-phone');
      await page.getByRole('link', { name: 'Phrases' }).click();
      await page.locator('[data-testid="coverage-fold"] summary').click();
      await page.getByTestId('heatmap').waitFor();
      // The page is long (every sentence twice): the screen as the phone shows it, then the heatmap.
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'supervisor-08-sentences-fr-phone.png') });
      await page.getByTestId('heatmap').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'supervisor-08b-heatmap-fr-phone.png') });
      await page.getByRole('link', { name: 'Écoute' }).click();
      await page.getByRole('heading', { name: 'Écouter les prises' }).waitFor();
      await page.locator(`[data-testid="take-detail"][data-take="${pending.takeId}"]`).waitFor();
      await page.getByTestId('waveform').waitFor();
      await phone.shot('supervisor-09-review-fr-phone');
      // Nothing has been deleted yet on this server (the deletion test comes last): the empty state.
      await page.getByRole('link', { name: 'Suppressions' }).click();
      await page.getByRole('heading', { name: 'Suppressions' }).waitFor();
      await page.getByText('Aucune prise n’a encore été supprimée.').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await phone.shot('supervisor-09b-deletions-empty-fr-phone');
      await page.getByRole('link', { name: 'En direct' }).click();
      await page.getByRole('heading', { name: 'Sessions en direct' }).waitFor();
      await page.locator('[data-testid="feed"] li').first().waitFor();
      await phone.shot('supervisor-10-monitor-fr-phone');
      const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('emovox.supervisor')!) as { token: string }).token);
      expect((await fetch(`${server.url}/api/v1/stats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('heading', { name: 'Connexion superviseur' }).waitFor();
      // Logging out ends the token on the server too, not only in this tab.
      expect((await fetch(`${server.url}/api/v1/stats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      await phone.close();
    }
  });

  it('when a supervisor deletes a take in review, then it leaves the list, is gone from the API and is listed in /deletions as deleted by a supervisor', async () => {
    const uploader = await createSpeaker(server.url, 'en');
    const doomed = await uploadTake(server.url, uploader.token, { emotion: 'sadness', fixture: FIXTURES.en1Webm });
    // A take its speaker deleted with the receipt, so the audit shows both reasons.
    const withdrawn = await uploadTake(server.url, uploader.token, { emotion: 'neutral', fixture: FIXTURES.en1Webm });
    expect((await request(server.url, `/takes/${withdrawn.takeId}`, { method: 'DELETE', body: { receipt: withdrawn.receipt } })).status).toBe(204);
    const account = await supervisorTokens(server.url, 'deleting');
    const own = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = own;
    try {
      await page.goto(`${server.url}/review?take=${doomed.takeId}&lang=en`);
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      const detail = page.locator(`[data-testid="take-detail"][data-take="${doomed.takeId}"]`);
      await detail.getByTestId('waveform').waitFor();
      expect(await page.locator(`[data-row="${doomed.takeId}"]`).count()).toBe(1);

      await detail.getByRole('button', { name: 'Delete', exact: true }).click();
      await detail.getByRole('button', { name: 'Yes, delete it' }).waitFor();
      await own.shot('supervisor-11-review-delete-confirm');
      await detail.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.getByText(`Take ${doomed.takeId.slice(0, 8)} deleted.`).waitFor();
      expect(await page.locator(`[data-row="${doomed.takeId}"]`).count()).toBe(0);
      await own.shot('supervisor-12-review-deleted');

      // The API agrees: the take is gone, and the audit row says a supervisor deleted it.
      expect((await request(server.url, `/takes/${doomed.takeId}`, { token: account.supervisor })).status).toBe(404);
      const { items } = await requestJson<{ items: DeletionJson[] }>(server.url, '/deletions', { token: account.supervisor });
      expect(items.find((row) => row.takeId === doomed.takeId)).toMatchObject({ reason: 'supervisor' });
      expect(items.find((row) => row.takeId === withdrawn.takeId)).toMatchObject({ reason: 'speaker_request' });

      await page.getByRole('link', { name: 'Deletions' }).click();
      await page.getByRole('heading', { name: 'Deletions' }).waitFor();
      const row = page.locator(`[data-testid="deletions"] tr[data-take="${doomed.takeId}"]`);
      await row.waitFor();
      expect(await row.getByText('Deleted by a supervisor').count()).toBe(1);
      expect(await page.locator(`tr[data-take="${withdrawn.takeId}"]`).getByText('Asked by the speaker').count()).toBe(1);
      expect(await page.locator('[data-testid="deletions"] tbody tr').first().getAttribute('data-take')).toBe(doomed.takeId);
      await own.shot('supervisor-13-deletions');
    } finally {
      await own.close();
    }
  });
});
