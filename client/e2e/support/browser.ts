import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM_PATH } from './paths';

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Saves a screenshot as test-artifacts/e2e/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Real Chromium with a fake microphone that plays `micWav` once, from when it is opened. */
export async function launchBrowser(
  micWav: string,
  /**
   * refuseMicrophone: the browser answers every microphone request with "denied", as when a speaker clicks Block.
   * bypassCSP: only tests that inject axe-core ask for it; the app's own CSP stays strict everywhere else.
   */
  options: { viewport?: { width: number; height: number }; locale?: string; refuseMicrophone?: boolean; bypassCSP?: boolean } = {},
): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'emovox-chromium-'));
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    viewport: options.viewport ?? { width: 1000, height: 900 },
    locale: options.locale ?? 'en-US',
    permissions: options.refuseMicrophone ? [] : ['microphone'],
    bypassCSP: options.bypassCSP ?? false,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-sandbox',
      '--autoplay-policy=no-user-gesture-required',
      options.refuseMicrophone ? '--use-fake-ui-for-media-stream=deny' : '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}%noloop`,
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return {
    context,
    page,
    async shot(name) {
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
