import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../server/test/fixtures/index';
import { recordSavedTake } from '../../server/test/support/speaker-client';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { ADMIN, ADMIN_ENV, login } from '../../server/test/supervisors/helpers';
import { launchBrowser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { agreeToConsent, speakerToken } from './support/speaker-page';

// "My takes on this device" and "Forget me", from the page to the server. The takes are streamed by a real
// Socket.IO client with the page's own token, so that no microphone timing is involved.
describe.skipIf(chromiumMissing)('speaker privacy in real Chromium', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess({ env: ADMIN_ENV });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('when a speaker deletes a take from their list and then asks to be forgotten with their takes, then the server holds nothing of them', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    const { page } = browser;
    try {
      await page.goto(`${server.url}/?lang=en`);
      await agreeToConsent(page);
      const token = await speakerToken(page);
      const first = await recordSavedTake(server.url, token, FIXTURES.en1Webm, { emotion: 'sadness' });
      const second = await recordSavedTake(server.url, token, FIXTURES.en1Webm, { emotion: 'fear' });

      const list = page.getByRole('region', { name: 'My takes on this device' });
      await list.getByRole('button', { name: 'Refresh' }).click();
      await list.getByRole('listitem').filter({ hasText: 'Sadness' }).waitFor();
      await browser.shot('privacy-01-my-takes');
      await list.getByRole('listitem').filter({ hasText: 'Sadness' }).getByRole('button', { name: 'Delete' }).click();
      await list.getByRole('button', { name: 'Yes, delete it' }).click();
      await list.getByRole('listitem').filter({ hasText: 'Sadness' }).waitFor({ state: 'detached' });
      const gone = await fetch(`${server.url}/api/v1/takes/${first.takeId}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(gone.status).toBe(404);

      // With an emotion chosen, Space would start a take on the page; inside the dialog it only ticks the box.
      await page.getByText('Joy', { exact: true }).click();
      expect(await page.getByRole('radio', { name: 'Joy' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Forget me' }).click();
      const dialog = page.getByRole('dialog', { name: 'Forget me' });
      const deleteTakes = dialog.getByRole('checkbox', { name: 'Also delete all my takes' });
      await deleteTakes.focus();
      await page.keyboard.press('Space');
      expect(await deleteTakes.isChecked()).toBe(true);
      expect(await page.locator('.status-bar').getAttribute('data-phase')).toBe('idle');
      await browser.shot('privacy-02-forget-dialog');
      await dialog.getByRole('button', { name: 'Forget me and delete my takes' }).click();
      await page.getByRole('heading', { name: /emotional speech dataset/ }).waitFor();
      expect(await page.evaluate(() => localStorage.getItem('emovox.speakerToken'))).toBeNull();

      const mine = await fetch(`${server.url}/api/v1/speakers/me/takes`, { headers: { Authorization: `Bearer ${token}` } });
      expect(mine.status).toBe(401);
      const admin = await login(server.url, ADMIN.email, ADMIN.password);
      const take = await fetch(`${server.url}/api/v1/takes/${second.takeId}`, { headers: { Authorization: `Bearer ${admin}` } });
      expect(take.status).toBe(404);
      const audit = (await (await fetch(`${server.url}/api/v1/deletions`, { headers: { Authorization: `Bearer ${admin}` } })).json()) as {
        items: { takeId: string; reason: string }[];
      };
      for (const id of [first.takeId, second.takeId]) expect(audit.items).toContainEqual(expect.objectContaining({ takeId: id, reason: 'speaker_request' }));
    } finally {
      await browser.close();
    }
  });
});
