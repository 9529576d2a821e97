import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../server/test/fixtures/index';
import { ADMIN, ADMIN_ENV } from '../../server/test/supervisors/helpers';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { launchBrowser, type Browser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { agreeToConsent, sleep, waitForStatus } from './support/speaker-page';

// A supervisor's monitor and a speaker's recorder side by side in real Chromium: the speaker pauses (the card says
// paused and its clock stands still), then closes the tab (the card says left, not reconnecting, and the take left
// behind does not stay "recording" in the activity feed).
describe.skipIf(chromiumMissing)('the monitor tells the truth, in real Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    // A take left behind is ended 2 s after its speaker left (60 s in production), so the feed can be watched for it.
    server = await startServerProcess({ env: { ...ADMIN_ENV, LEFT_TAKE_SECONDS: '2', SWEEP_INTERVAL_SECONDS: '0.5' } });
    browser = await launchBrowser(FIXTURES.en1FakeMic);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openMonitor(page: Page): Promise<void> {
    await page.goto(`${server.url}/monitor?lang=en`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Live sessions' }).waitFor();
  }

  it('when a recording speaker pauses, then the card says paused and the clock stops; when they close the tab, then the card says left within seconds and the take left behind leaves "recording" in the feed', async () => {
    const monitor = browser.page;
    await openMonitor(monitor);

    const speaker = await browser.context.newPage();
    await speaker.goto(`${server.url}/?lang=en`);
    await agreeToConsent(speaker);
    await speaker.getByText('Joy', { exact: true }).click();
    await speaker.getByRole('button', { name: 'Record' }).click();
    await speaker.locator('[data-cue="speak"]').waitFor();
    await sleep(1_200);
    await speaker.keyboard.press('p');
    await waitForStatus(speaker, 'Paused');

    const card = monitor.locator('[data-testid="session"]');
    await card.getByTestId('paused').waitFor();
    expect(await card.getByTestId('paused').textContent()).toBe('Paused');
    const frozen = await card.getByTestId('elapsed').textContent();
    await sleep(2_500); // the board ticks every second: a running clock would have moved
    expect(await card.getByTestId('elapsed').textContent()).toBe(frozen);
    await browser.shot('monitor-truth-01-paused');

    await speaker.close(); // the tab goes: pagehide, the goodbye, the socket closed
    await monitor.locator('[data-testid="session"][data-link="left"]').waitFor({ timeout: 10_000 });
    expect(await card.locator('.link-state').textContent()).toBe('Left');
    expect(await monitor.getByTestId('count-recording').textContent()).toBe('0');
    await browser.shot('monitor-truth-02-left');
    // The take left behind is ended by the sweep: the feed's newest entry for it is no longer "recording".
    await monitor.locator('[data-testid="feed"] li[data-state="saved"]').waitFor({ timeout: 30_000 });
    expect(await monitor.locator('[data-testid="feed"] li').first().getAttribute('data-state')).toBe('saved');
    await browser.shot('monitor-truth-03-swept');
  });
});
