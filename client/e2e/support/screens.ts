import type { Page } from 'playwright-core';
import { FIXTURES } from '../../../server/test/fixtures/index';
import { createSpeaker, randomSentence } from '../../../server/test/support/speaker-client';
import { createCampaign } from '../../../server/test/campaigns/campaign-helpers';
import { ADMIN, login, request, requestJson, uploadTake } from '../../../server/test/supervisors/helpers';

// Every screen of the app, as the accessibility test and `npm run screenshots` visit them.

export type Lang = 'en' | 'fr';

export interface Screen {
  name: string;
  path: string;
  /** Signed in as the admin first. */
  supervisor: boolean;
  /** What shows once the screen has loaded its data. */
  ready: string;
}

export const SCREENS: Screen[] = [
  { name: 'recorder', path: '/', supervisor: false, ready: 'main button' },
  { name: 'delete', path: '/delete', supervisor: false, ready: 'main form' },
  { name: 'not-found', path: '/no-such-page', supervisor: false, ready: 'main a[href="/"]' },
  { name: 'login', path: '/login', supervisor: false, ready: 'main form' },
  // Without a speaker token, /listen asks for consent first.
  { name: 'listen', path: '/listen', supervisor: false, ready: 'main form' },
  { name: 'monitor', path: '/monitor', supervisor: true, ready: '[data-testid="feed"] li' },
  { name: 'review', path: '/review', supervisor: true, ready: '[data-testid="waveform"]' },
  { name: 'sentences', path: '/sentences', supervisor: true, ready: '.sentence-list li' },
  { name: 'stats', path: '/stats', supervisor: true, ready: '[data-testid="day-chart"]' },
  { name: 'deletions', path: '/deletions', supervisor: true, ready: 'main h1' },
  { name: 'users', path: '/users', supervisor: true, ready: 'main table tbody tr' },
  { name: 'campaigns', path: '/campaigns', supervisor: true, ready: '[data-testid="coverage-grid"]' },
  { name: 'campaign-new', path: '/campaigns?new', supervisor: true, ready: '[data-testid="campaign-form"] .sentence-picks li' },
];

/**
 * A few saved takes from two speakers, so that every list, chart and player has something to show, and a campaign
 * to join. Returns each speaker's token: every take of a language is that speaker's own, so /listen offers them nothing.
 */
export async function seedTakes(baseUrl: string): Promise<{ tokens: Record<Lang, string>; joinCode: string }> {
  const english = await createSpeaker(baseUrl, 'en');
  const french = await createSpeaker(baseUrl, 'fr');
  await uploadTake(baseUrl, english.token, { emotion: 'joy', intensity: 'high', fixture: FIXTURES.en1Webm });
  await uploadTake(baseUrl, english.token, { emotion: 'sadness', fixture: FIXTURES.en1Webm });
  const frenchSentence = await randomSentence(baseUrl, 'fr');
  await uploadTake(baseUrl, french.token, { emotion: 'anger', intensity: 'low', fixture: FIXTURES.fr1Webm, sentenceId: frenchSentence.id });
  const supervisor = await login(baseUrl, ADMIN.email, ADMIN.password);
  const campaign = await createCampaign(baseUrl, supervisor, { name: 'Spring study', locale: 'en', emotions: ['joy', 'anger', 'sadness'], sessionSize: 6 });
  return { tokens: { en: english.token, fr: french.token }, joinCode: campaign.code };
}
/** Listeners rate the seeded takes through the listening routes, and one take is gold: perception has data. */
export async function seedRatings(baseUrl: string): Promise<void> {
  const heard = [['joy', 'sadness'], ['joy', 'anger'], ['joy', 'sadness']] as const;
  for (const answers of heard) {
    const listener = await createSpeaker(baseUrl, 'en');
    for (const emotion of answers) {
      const next = await request(baseUrl, '/listen/next?locale=en', { token: listener.token });
      if (next.status !== 200) break;
      const { assignmentId } = (await next.json()) as { assignmentId: string };
      const body = { emotion, intensity: 3, problems: [], responseMs: 2500, plays: 1 };
      const rated = await request(baseUrl, `/listen/assignments/${assignmentId}`, { method: 'POST', token: listener.token, body });
      if (rated.status !== 201) throw new Error(`rating: ${rated.status} ${await rated.text()}`);
    }
  }
  const admin = await login(baseUrl, ADMIN.email, ADMIN.password);
  const { items } = await requestJson<{ items: { takeId: string }[] }>(baseUrl, '/takes?locale=en&limit=1', { token: admin });
  if (items[0]) await requestJson(baseUrl, `/takes/${items[0].takeId}`, { method: 'PATCH', token: admin, body: { gold: true } });
}

/** /listen as the speaker holding `token`: a clip, or the empty state when nothing is left for them. */
export async function openListen(page: Page, baseUrl: string, lang: Lang, token: string | null, ready: 'clip' | 'empty'): Promise<void> {
  await page.goto(`${baseUrl}/listen?lang=${lang}`);
  if (token) {
    await page.evaluate((value) => localStorage.setItem('emovox.speakerToken', value), token);
    await page.reload();
  }
  await page.getByTestId(ready === 'clip' ? 'clip-progress' : 'listen-empty').waitFor();
}

/** Signs in through the login form; the session lives in this tab's sessionStorage. */
export async function signIn(page: Page, baseUrl: string, lang: Lang): Promise<void> {
  await page.goto(`${baseUrl}/login?lang=${lang}`);
  await page.locator('input[type="email"]').fill(ADMIN.email);
  await page.locator('input[type="password"]').fill(ADMIN.password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('nav a[href="/monitor"]').waitFor();
}

/** Unfolds every collapsed section, so that checks see what is inside them too. */
export async function openFolds(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((fold) => (fold.open = true)));
}

export async function openScreen(page: Page, baseUrl: string, screen: Screen, lang: Lang): Promise<void> {
  await page.goto(`${baseUrl}${screen.path}${screen.path.includes('?') ? '&' : '?'}lang=${lang}`);
  await page.locator(screen.ready).first().waitFor();
}
