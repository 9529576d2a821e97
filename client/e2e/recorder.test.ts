import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../server/test/fixtures/index';
import { compareToSource } from '../../server/test/support/audio-compare';
import { startTcpProxy, type TcpProxy } from '../../server/src/ops/tcp-proxy';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { startSocketIoGate } from './support/socket-io-gate';
import { agreeToConsent, fetchWav, savedTake, sleep, speakerToken, waitForAcked, waitForStatus } from './support/speaker-page';

// The fake microphone plays the fixture once from getUserMedia: 0.5 s of silence, then 4.2 s of speech.
const RECORD_MS = 5_500;

describe.skipIf(chromiumMissing)('speaker app in real Chromium', () => {
  let server: ServerProcess;
  let proxy: TcpProxy;

  beforeAll(async () => {
    server = await startServerProcess();
    proxy = await startTcpProxy([server.port]);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('when a speaker consents, picks an emotion, records and stops, then the saved WAV holds the fixture and the take can be deleted', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await page.getByRole('heading', { name: /emotional speech dataset/ }).waitFor();
      await browser.shot('01-consent');
      await agreeToConsent(page);
      await page.getByText('Joy', { exact: true }).click();
      expect(await page.getByRole('radio', { name: 'Joy' }).isChecked()).toBe(true);
      await browser.shot('02-ready');

      await page.getByRole('button', { name: 'Record' }).click();
      await waitForStatus(page, 'Recording');
      expect(await page.getByRole('button', { name: 'Another sentence' }).isDisabled()).toBe(true);
      await waitForAcked(page, 3);
      await browser.shot('03-recording');
      await sleep(RECORD_MS - 1_000);
      await page.getByRole('button', { name: 'Stop' }).click();
      await waitForStatus(page, /^Saved$/);
      await page.getByTestId('waveform').waitFor();
      await browser.shot('04-saved');

      const { takeId, receipt } = await savedTake(page);
      expect(takeId).toMatch(/^[0-9a-f-]{36}$/);
      expect(receipt.length).toBeGreaterThanOrEqual(22);
      const token = await speakerToken(page);
      const take = (await (await fetch(`${server.url}/api/v1/takes/${takeId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        state: string;
        emotion: string;
        audioSettings: { echoCancellation: boolean | null; noiseSuppression: boolean | null; autoGainControl: boolean | null };
      };
      expect(take).toMatchObject({ state: 'saved', emotion: 'joy' });
      expect(take.audioSettings).toMatchObject({ echoCancellation: false, noiseSuppression: false, autoGainControl: false });

      const comparison = await compareToSource(await fetchWav(server.url, takeId, token), FIXTURES.en1Wav);
      console.log('e2e take vs fixture:', comparison);
      expect(Math.abs(comparison.speechSpanRatio - 1)).toBeLessThanOrEqual(0.03);
      expect(comparison.r).toBeGreaterThanOrEqual(0.9);

      // The result links to the deletion page prefilled; the page asks before deleting for good.
      await page.getByTestId('result').getByRole('link', { name: 'Delete this take' }).click();
      expect(await page.getByLabel('Take ID').inputValue()).toBe(takeId);
      expect(await page.getByLabel('Receipt').inputValue()).toBe(receipt);
      expect(page.url()).not.toContain(receipt);
      await browser.shot('05-delete-filled');
      await page.getByRole('button', { name: 'Delete this take' }).click();
      await page.getByText('Delete this take for good? This cannot be undone.').waitFor();
      expect((await fetch(`${server.url}/api/v1/takes/${takeId}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.locator('[role="status"]', { hasText: 'The take was deleted.' }).waitFor();
      await browser.shot('06-deleted');
      const after = await fetch(`${server.url}/api/v1/takes/${takeId}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(after.status).toBe(404);

      await page.getByRole('button', { name: 'Delete this take' }).click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.locator('[role="status"]', { hasText: 'No take matches' }).waitFor();
    } finally {
      await browser.close();
    }
  });

  it('when the live socket is cut in the middle of a take, then the page shows reconnecting and the complete take is still saved; re-record keeps it', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${proxy.url}/?lang=en`);
      await agreeToConsent(page);
      await page.keyboard.press('6'); // Neutral
      expect(await page.getByRole('radio', { name: 'Neutral' }).isChecked()).toBe(true);
      await page.keyboard.press('Space');
      await waitForStatus(page, 'Recording');
      await waitForAcked(page, 3);

      proxy.cut();
      await waitForStatus(page, /reconnecting… [1-9]\d* chunks/, 10_000);
      await sleep(1_500);
      await browser.shot('07-reconnecting');
      proxy.restore();
      await page.getByTestId('safe').filter({ hasText: 'All audio safe on the server' }).waitFor({ timeout: 20_000 });

      await sleep(2_000);
      await page.keyboard.press('Space');
      await waitForStatus(page, /^Saved$/);
      await browser.shot('08-saved-after-drop');

      const { takeId } = await savedTake(page);
      const token = await speakerToken(page);
      const comparison = await compareToSource(await fetchWav(server.url, takeId, token), FIXTURES.en1Wav);
      console.log('e2e take after a drop vs fixture:', comparison);
      expect(Math.abs(comparison.speechSpanRatio - 1)).toBeLessThanOrEqual(0.03);
      expect(comparison.r).toBeGreaterThanOrEqual(0.9);

      // Re-record keeps the saved take: no DELETE goes out, and the next take of the sentence replaces it.
      const deletes: string[] = [];
      page.on('request', (sent) => void (sent.method() === 'DELETE' && deletes.push(sent.url())));
      await page.getByTestId('re-record-keeps').waitFor();
      await page.getByRole('button', { name: 'Re-record' }).click();
      await waitForStatus(page, /^Ready/);
      await page.getByTestId('replacing').waitFor();
      const takeOf = async (id: string) =>
        (await (await fetch(`${server.url}/api/v1/takes/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { state: string; replaces: string | null; replacedBy: string | null };
      expect(await takeOf(takeId)).toMatchObject({ state: 'saved', replacedBy: null });
      await page.keyboard.press('Space');
      await waitForStatus(page, 'Recording');
      await waitForAcked(page, 3);
      await page.keyboard.press('Space');
      await waitForStatus(page, /^Saved$/);
      const again = await savedTake(page);
      expect(again.takeId).not.toBe(takeId);
      expect(await takeOf(again.takeId)).toMatchObject({ state: 'saved', replaces: takeId });
      expect(await takeOf(takeId)).toMatchObject({ state: 'saved', replacedBy: again.takeId });
      expect(deletes).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('when the page is reloaded during a take, then the take is completed from the chunks the page kept and the speaker is told', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${proxy.url}/?lang=en`);
      await agreeToConsent(page);
      await page.keyboard.press('2'); // Sadness
      await page.getByRole('button', { name: 'Record' }).click();
      await waitForAcked(page, 3);
      // Offline first, so the reload leaves chunks that only the page's IndexedDB holds.
      proxy.cut();
      await waitForStatus(page, /reconnecting… ([3-9]|\d\d+) chunks/, 10_000);
      const captured = Number((await page.getByTestId('chunks').textContent())?.match(/\/ (\d+)/)?.[1]);
      proxy.restore();
      await page.reload();
      await page.getByText(/The page was reloaded during a take/).waitFor();
      await waitForStatus(page, /^Saved$/);
      await browser.shot('09-recovered-after-reload');
      const { takeId } = await savedTake(page);
      const token = await speakerToken(page);
      const take = (await (await fetch(`${server.url}/api/v1/takes/${takeId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { state: string; emotion: string; durationMs: number };
      expect(take).toMatchObject({ state: 'saved', emotion: 'sadness' });
      // Every captured chunk made it: Chromium delivers one about every 300 ms.
      expect(take.durationMs).toBeGreaterThanOrEqual(captured * 250);
      expect(await page.evaluate(() => new Promise<number>((resolve) => {
        const open = indexedDB.open('emovox');
        open.onsuccess = () => {
          const count = open.result.transaction('chunks').objectStore('chunks').count();
          count.onsuccess = () => resolve(count.result);
        };
      }))).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('when the live socket cannot connect at all, then the take is recorded locally and uploaded whole on Stop', async () => {
    const gate = await startSocketIoGate(server.port);
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${gate.url}/?lang=en`);
      await agreeToConsent(page);
      await page.keyboard.press('5'); // Fear
      await page.getByRole('button', { name: 'Test microphone' }).click();
      await page.getByRole('meter').waitFor();
      await page.getByRole('button', { name: 'Stop test' }).click();
      await sleep(1_000); // a failed connection attempt or two
      await page.getByRole('button', { name: 'Record' }).click();
      await page.getByText(/recorded locally and uploaded/).waitFor();
      await sleep(RECORD_MS);
      await page.getByRole('button', { name: 'Stop' }).click();
      await waitForStatus(page, /^Saved$/);
      await browser.shot('10-saved-by-upload');
      const { takeId } = await savedTake(page);
      const token = await speakerToken(page);
      const comparison = await compareToSource(await fetchWav(server.url, takeId, token), FIXTURES.en1Wav);
      console.log('e2e uploaded take vs fixture:', comparison);
      expect(Math.abs(comparison.speechSpanRatio - 1)).toBeLessThanOrEqual(0.03);
      expect(comparison.r).toBeGreaterThanOrEqual(0.9);
    } finally {
      await browser.close();
      await gate.close();
    }
  });

  it('when the page is opened in French on a phone-sized screen, then the UI reads in French', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const { page } = browser;
    try {
      await page.goto(server.url);
      await page.getByRole('heading', { name: /corpus de parole émotionnelle/ }).waitFor();
      await browser.shot('11-fr-consent-phone');
      await agreeToConsent(page, 'J’accepte, commencer');
      for (const name of ['Joie', 'Tristesse', 'Colère', 'Dégoût', 'Peur', 'Neutre']) {
        expect(await page.getByRole('radio', { name }).count()).toBe(1);
      }
      expect(await page.getByRole('button', { name: 'Enregistrer' }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Une autre phrase' }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await browser.shot('12-fr-studio-phone');
    } finally {
      await browser.close();
    }
  });
});
