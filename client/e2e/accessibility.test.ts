import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../server/test/fixtures/index';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { ADMIN_ENV } from '../../server/test/supervisors/helpers';
import { seriousViolations, type AxeFinding } from './support/axe';
import { launchBrowser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { agreeToConsent } from './support/speaker-page';
import { openFolds, openListen, openScreen, SCREENS, seedRatings, seedTakes, signIn, type Lang } from './support/screens';

// axe-core on every screen, in both languages and two sizes: any serious or critical violation fails, and so does a
// page wider than the screen (a phone would have to scroll sideways).
describe.skipIf(chromiumMissing)('accessibility of every screen in real Chromium', () => {
  let server: ServerProcess;
  let ownTakes: Record<Lang, string>;
  let joinCode = '';

  beforeAll(async () => {
    server = await startServerProcess({ env: ADMIN_ENV });
    ({ tokens: ownTakes, joinCode } = await seedTakes(server.url));
    await seedRatings(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('when a page is opened without the test-only CSP bypass, then the app\'s CSP blocks an injected script', async () => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic);
    try {
      await browser.page.goto(`${server.url}/login?lang=en`);
      await browser.page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
      expect(await browser.page.evaluate(() => '__injected' in window)).toBe(false);
    } finally {
      await browser.close();
    }
  });

  const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
  const CASES = (['en', 'fr'] as Lang[]).flatMap((lang) => (['desktop', 'phone'] as const).map((size) => [lang, size] as const));

  it.each(CASES)('when each screen is opened in %s on a %s, then axe finds no serious or critical violation and no page is wider than the screen', async (lang, size) => {
    const browser = await launchBrowser(FIXTURES.en1FakeMic, { bypassCSP: true, locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport: VIEWPORTS[size] });
    const found: Record<string, AxeFinding[]> = {};
    const wide: Record<string, number> = {};
    const check = async (name: string) => {
      found[name] = await seriousViolations(browser.page);
      const width = await browser.page.evaluate(() => document.documentElement.scrollWidth);
      if (width > VIEWPORTS[size].width) wide[name] = width;
    };
    try {
      for (const screen of SCREENS.filter((s) => !s.supervisor)) {
        await openScreen(browser.page, server.url, screen, lang);
        await check(screen.name);
      }
      // The recorder itself, past the consent form.
      await browser.page.goto(`${server.url}/?lang=${lang}`);
      await agreeToConsent(browser.page, lang === 'fr' ? 'J’accepte, commencer' : 'I agree, start recording');
      await check('recorder-studio');
      // Listening with the new speaker's token (a clip by someone else), then as a speaker with nothing left to hear.
      await openListen(browser.page, server.url, lang, null, 'clip');
      await check('listen-clip');
      await openListen(browser.page, server.url, lang, ownTakes[lang], 'empty');
      await check('listen-empty');
      // A guided session joined by its link, then its skip dialog.
      await browser.page.goto(`${server.url}/join/${joinCode}?lang=${lang}`);
      await browser.page.getByTestId('prompt').waitFor();
      await check('guided-session');
      await browser.page.getByTestId('skip-button').click();
      await browser.page.getByTestId('skip-dialog').waitFor();
      await check('guided-skip');
      await signIn(browser.page, server.url, lang);
      for (const screen of SCREENS.filter((s) => s.supervisor)) {
        await openScreen(browser.page, server.url, screen, lang);
        await openFolds(browser.page);
        await check(screen.name);
      }
    } finally {
      await browser.close();
    }
    const failing = Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0));
    expect(failing).toEqual({});
    expect(wide, 'screens wider than the viewport (px)').toEqual({});
  });
});
