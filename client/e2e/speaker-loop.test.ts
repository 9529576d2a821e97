import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURES } from '../../server/test/fixtures/index';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { agreeToConsent, savedTake, sleep, waitForAcked, waitForStatus } from './support/speaker-page';

const PHONE = { width: 390, height: 844 };

/** The element lies inside the viewport, as the page is scrolled now, and nothing (such as the docked controls) covers its centre. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport || box.y < 0 || box.y + box.height > viewport.height || box.x < 0 || box.x + box.width > viewport.width) return false;
  return page.evaluate(
    ({ selector, x, y }) => !!document.elementFromPoint(x, y)?.closest(selector),
    { selector, x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
}

const focusInResult = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('[data-testid="result"]'));
/** Record is enabled once the sentence and the page's chunk store are ready; a key pressed before would do nothing. */
const readyToRecord = (page: Page) => page.locator('button.record:not([disabled])').waitFor();
const sentenceText = async (page: Page) => (await page.locator('.sentence-text').textContent())?.trim() ?? '';

describe.skipIf(chromiumMissing)('the speaker loop in real Chromium', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('when a take is saved, then focus is on the result and N, Enter, R and Space cover the loop without one Tab press', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport: { width: 1280, height: 900 } });
    const { page } = browser;
    const pressed: string[] = [];
    const press = async (key: string) => {
      pressed.push(key);
      await page.keyboard.press(key);
    };
    try {
      await page.goto(`${server.url}/?lang=en`);
      await agreeToConsent(page);
      await readyToRecord(page);
      await press('1');
      await press('Space');
      await waitForStatus(page, 'Recording');
      await waitForAcked(page, 3);
      await press('Space');
      await waitForStatus(page, /^Saved$/);
      await page.getByTestId('play-take').waitFor();
      expect(await focusInResult(page)).toBe(true);

      // Space plays the take, a second Space pauses it.
      await press('Space');
      await page.waitForFunction(() => {
        const audio = document.querySelector<HTMLAudioElement>('[data-testid="take-audio"]');
        return !!audio && !audio.paused && audio.currentTime > 0.2;
      });
      await press('Space');
      await page.waitForFunction(() => document.querySelector<HTMLAudioElement>('[data-testid="take-audio"]')?.paused === true);

      // R re-records the same sentence (the saved take is kept), Space records and stops again.
      const first = await savedTake(page);
      const sentence = await sentenceText(page);
      await press('r');
      await waitForStatus(page, /^Ready/);
      await page.getByTestId('replacing').waitFor();
      await press('Space');
      await waitForStatus(page, 'Recording');
      await waitForAcked(page, 3);
      await press('Space');
      await waitForStatus(page, /^Saved$/);
      await page.getByTestId('play-take').waitFor();
      expect(await focusInResult(page)).toBe(true);
      expect((await savedTake(page)).takeId).not.toBe(first.takeId);

      // N goes to the next sentence; after another take, Enter does too.
      await press('n');
      await waitForStatus(page, /^Ready/);
      expect(await page.getByTestId('result').count()).toBe(0);
      await page.waitForFunction((old) => (document.querySelector('.sentence-text')?.textContent?.trim() ?? old) !== old, sentence);
      await readyToRecord(page);
      await press('Space');
      await waitForAcked(page, 3);
      await press('Space');
      await waitForStatus(page, /^Saved$/);
      await page.getByTestId('play-take').waitFor();
      await press('Enter');
      await waitForStatus(page, /^Ready/);
      expect(await page.getByTestId('result').count()).toBe(0);
      expect(pressed.filter((key) => key === 'Tab')).toEqual([]);
      console.log(`keyboard loop: three takes, a replay and two next sentences in ${pressed.length} key presses, none of them Tab`);
    } finally {
      await browser.close();
    }
  });

  it('when a speaker records on a phone, then Stop is under the finger that pressed Record, the labelled meter stays in view and the result and Next come into view', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport: PHONE, locale: 'fr-FR' });
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=fr`);
      await agreeToConsent(page, 'J’accepte, commencer');
      await page.getByText('Joie', { exact: true }).click();
      await page.getByTestId('emotion-tip').waitFor();
      const record = await page.getByRole('button', { name: 'Enregistrer', exact: true }).boundingBox();
      if (!record) throw new Error('no Record button');
      const spot = { x: record.x + record.width / 2, y: record.y + record.height / 2 };
      await page.mouse.click(spot.x, spot.y);
      await waitForStatus(page, 'Enregistrement');
      await waitForAcked(page, 3);
      const stop = await page.getByRole('button', { name: 'Arrêter', exact: true }).boundingBox();
      expect(Math.abs((stop?.y ?? 0) - record.y)).toBeLessThanOrEqual(2);
      expect(Math.abs((stop?.x ?? 0) - record.x)).toBeLessThanOrEqual(2);
      const meter = await page.getByRole('meter', { name: 'Niveau d’entrée' }).boundingBox();
      console.log('phone: level meter while recording at y =', meter?.y, 'of', PHONE.height);
      expect(await inViewport(page, '[role="meter"]')).toBe(true);
      expect(await page.getByText('Niveau d’entrée', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByTestId('chunks').isVisible()).toBe(false); // counters behind "Détails"

      // The second tap on the same spot stops the take: it never pauses it.
      await page.mouse.click(spot.x, spot.y);
      await waitForStatus(page, /^Enregistré$/);
      await page.getByTestId('play-take').waitFor();
      expect(await inViewport(page, '[data-testid="result"] h2')).toBe(true);
      expect(await inViewport(page, '[data-testid="result"] button.primary')).toBe(true);
      console.log('phone: result title at y =', (await page.locator('[data-testid="result"] h2').boundingBox())?.y, '; Next at y =', (await page.getByRole('button', { name: 'Suivante' }).boundingBox())?.y);

      // One duration: no running clock, no native player with its own, the Play button carries it.
      expect(await page.locator('.timer').count()).toBe(0);
      expect(await page.locator('[data-testid="result"] audio[controls]').count()).toBe(0);
      expect(await page.getByTestId('play-take').textContent()).toMatch(/^Écouter · \d+,\d\u00a0s$/);
      expect(await page.getByTestId('receipt').isVisible()).toBe(false);
      await page.getByText('Détails').last().click();
      expect(await page.getByTestId('receipt').isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('when the language is switched while a result is shown, then the take and its sentence stay together; the choice is remembered and ?lang= is not', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await agreeToConsent(page);
      await readyToRecord(page);
      await page.keyboard.press('6');
      await page.keyboard.press('Space');
      await waitForAcked(page, 3);
      await page.keyboard.press('Space');
      await waitForStatus(page, /^Saved$/);
      const take = await savedTake(page);
      const sentence = await sentenceText(page);
      const sentenceLang = await page.locator('.sentence-text').getAttribute('lang');

      await page.getByRole('combobox').selectOption('fr');
      await waitForStatus(page, /^Enregistré$/);
      await sleep(500); // a sentence request would have come back by now
      expect(await sentenceText(page)).toBe(sentence);
      expect(await page.locator('.sentence-text').getAttribute('lang')).toBe(sentenceLang);
      expect((await savedTake(page)).takeId).toBe(take.takeId);
      expect(new URL(page.url()).searchParams.has('lang')).toBe(false);

      await page.getByRole('button', { name: 'Suivante' }).click();
      await page.locator('.sentence-text[lang="fr"]').waitFor();

      await page.reload();
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).waitFor();
      await page.goto(`${server.url}/?lang=en`);
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor();
      await page.goto(`${server.url}/`);
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).waitFor();
      expect(await page.evaluate(() => localStorage.getItem('emovox.lang'))).toBe('fr');
    } finally {
      await browser.close();
    }
  });

  it('when the speaker tests the microphone, then they can hear the test back', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await agreeToConsent(page);
      await page.getByRole('button', { name: 'Test microphone' }).click();
      await page.getByRole('meter', { name: 'Input level' }).waitFor();
      await sleep(1_500);
      await page.getByRole('button', { name: 'Stop test' }).click();
      const playback = page.getByLabel('Your test');
      await playback.waitFor();
      await playback.evaluate((audio: HTMLAudioElement) => audio.play());
      await page.waitForFunction(() => (document.querySelector<HTMLAudioElement>('[data-testid="mic-test-playback"]')?.currentTime ?? 0) > 0.3);
    } finally {
      await browser.close();
    }
  });

  it('when the browser refuses the microphone, then the status line says so and explains how to allow it', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic, { refuseMicrophone: true });
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await agreeToConsent(page);
      await page.keyboard.press('1');
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      await waitForStatus(page, 'The microphone is blocked.');
      await page.getByRole('heading', { name: 'How to allow the microphone' }).waitFor();
      expect(await page.getByText(/^Firefox:/).isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('when an address matches no page, then a 404 page with a heading is shown, in each language', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${server.url}/no-such-page?lang=en`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await page.goto(`${server.url}/no-such-page?lang=fr`);
      await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
      await page.getByRole('link', { name: 'Retour à l’enregistrement' }).click();
      await page.getByRole('heading', { name: /corpus de parole émotionnelle/ }).waitFor();
    } finally {
      await browser.close();
    }
  });
});
