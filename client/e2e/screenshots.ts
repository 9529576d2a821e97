// `npm run screenshots`: every screen at 1280×900 and 390×844, in English and French, as PNGs in
// screenshots/ (not committed). It builds the client, starts the real server on an ephemeral port with
// its own embedded database, and records a few takes first, so that lists, charts and players are filled.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { FIXTURES } from '../../server/test/fixtures/index';
import { createSpeaker } from '../../server/test/support/speaker-client';
import { startServerProcess } from '../../server/test/support/server-process';
import { ADMIN_ENV } from '../../server/test/supervisors/helpers';
import { REPO_ROOT } from '../../server/src/paths';
import { launchBrowser } from './support/browser';
import { CHROMIUM_PATH, CLIENT_DIR, chromiumMissing } from './support/paths';
import { openListen, openScreen, SCREENS, seedRatings, seedTakes, signIn, type Lang } from './support/screens';
import { agreeToConsent, waitForAcked, waitForStatus } from './support/speaker-page';

const OUT = path.join(REPO_ROOT, 'screenshots');
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function main(): Promise<void> {
  if (chromiumMissing) throw new Error(`${CHROMIUM_PATH} not found: install chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  await build({ configFile: `${CLIENT_DIR}vite.config.ts`, logLevel: 'warn' });
  await mkdir(OUT, { recursive: true });
  const server = await startServerProcess({ env: ADMIN_ENV });
  let written = 0;
  try {
    const { tokens: ownTakes, joinCode } = await seedTakes(server.url);
    await seedRatings(server.url);
    // Listening first, before the studio below records takes of its own: a seeded speaker has nothing left
    // in their own language, and a new listener has a clip to hear.
    for (const lang of ['en', 'fr'] as Lang[]) {
      for (const viewport of VIEWPORTS) {
        const browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport, locale: lang === 'fr' ? 'fr-FR' : 'en-US' });
        try {
          const shot = async (name: string) => {
            await browser.page.screenshot({ path: path.join(OUT, `${name}-${lang}-${viewport.name}.png`), fullPage: true });
            written += 1;
          };
          await openListen(browser.page, server.url, lang, ownTakes[lang], 'empty');
          await shot('listen-empty');
          await openListen(browser.page, server.url, lang, (await createSpeaker(server.url, lang)).token, 'clip');
          await shot('listen-clip');
        } finally {
          await browser.close();
        }
      }
    }
    for (const lang of ['en', 'fr'] as Lang[]) {
      for (const viewport of VIEWPORTS) {
        const browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport, locale: lang === 'fr' ? 'fr-FR' : 'en-US' });
        try {
          const shoot = async (name: string) => {
            await browser.page.screenshot({ path: path.join(OUT, `${name}-${lang}-${viewport.name}.png`), fullPage: true });
            written += 1;
          };
          for (const screen of SCREENS.filter((s) => !s.supervisor)) {
            await openScreen(browser.page, server.url, screen, lang);
            await shoot(screen.name);
          }
          const { page } = browser;
          // The recorder past consent: ready, then with a saved take.
          await page.goto(`${server.url}/?lang=${lang}`);
          await agreeToConsent(page, lang === 'fr' ? 'J’accepte, commencer' : 'I agree, start recording');
          await page.locator('button.record:not([disabled])').waitFor();
          await page.keyboard.press('1');
          await shoot('studio');
          await page.keyboard.press('Space');
          await waitForAcked(page, 3);
          await page.keyboard.press('Space');
          await waitForStatus(page, lang === 'fr' ? /^Enregistré$/ : /^Saved$/);
          await page.getByTestId('play-take').waitFor();
          await shoot('studio-saved');
          // A guided session, joined by its link, and its skip dialog.
          await page.goto(`${server.url}/join/${joinCode}?lang=${lang}`);
          await page.getByTestId('prompt').waitFor();
          await shoot('guided-session');
          await page.getByTestId('skip-button').click();
          await page.getByTestId('skip-dialog').waitFor();
          await shoot('guided-skip');
          await signIn(browser.page, server.url, lang);
          for (const screen of SCREENS.filter((s) => s.supervisor)) {
            await openScreen(browser.page, server.url, screen, lang);
            await shoot(screen.name);
          }
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await server.stop();
  }
  console.log(`${written} screenshots in ${path.relative(process.cwd(), OUT) || '.'}/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
