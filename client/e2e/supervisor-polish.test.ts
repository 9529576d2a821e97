import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentenceJson, TakeJson } from '../../server/src/protocol/index';
import { FIXTURES } from '../../server/test/fixtures/index';
import { createSpeaker, randomSentence } from '../../server/test/support/speaker-client';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process';
import { ADMIN, ADMIN_ENV, login, requestJson, uploadTake } from '../../server/test/supervisors/helpers';
import { launchBrowser, type Browser } from './support/browser';
import { chromiumMissing } from './support/paths';
import { signIn } from './support/screens';

// The supervisor screens as a supervisor uses them: login, sentences, review and export, in real Chromium.
describe.skipIf(chromiumMissing)('supervisor screens, polished, in real Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let admin: string;
  const takes: TakeJson[] = [];
  let recorded: { id: string; text: string };

  beforeAll(async () => {
    server = await startServerProcess({ env: ADMIN_ENV });
    admin = await login(server.url, ADMIN.email, ADMIN.password);
    const speaker = await createSpeaker(server.url, 'en');
    recorded = await randomSentence(server.url, 'en');
    for (const emotion of ['joy', 'fear']) takes.push(await uploadTake(server.url, speaker.token, { emotion, sentenceId: recorded.id }));
    // Another sentence: the recorded one must hold exactly these two takes.
    const other = await randomSentence(server.url, 'en', [recorded.id]);
    takes.push(await uploadTake(server.url, speaker.token, { emotion: 'anger', sentenceId: other.id }));
    browser = await launchBrowser(FIXTURES.en1FakeMic, { viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('when a login fails, then the form keeps its width', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login?lang=en`);
    const form = page.locator('form.login');
    const before = (await form.boundingBox())!.width;
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    expect((await form.boundingBox())!.width).toBe(before);
  });

  it('when sentences are managed, then the list comes first, import finishes, deactivate keeps the sentence, delete is offered only where nothing was recorded, and an error clears on the next success', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'en');
    await page.goto(`${server.url}/sentences?lang=en`);
    const list = page.locator('.sentence-list');
    await list.locator('li').first().waitFor();
    // The list is above the folded import and coverage, which start closed.
    const order = await page.evaluate(() => [...document.querySelectorAll('.sentence-list, [data-testid="import-fold"], [data-testid="coverage-fold"]')].map((el) => el.className || el.getAttribute('data-testid')));
    expect(order[0]).toContain('sentence-list');
    expect(await page.getByTestId('heatmap').isVisible()).toBe(false);

    // Import three lines: the status line ends with the tally.
    await page.locator('[data-testid="import-fold"] summary').click();
    const lines = ['Imported line one.', 'Imported line two.', 'Imported line three.'];
    await page.locator('form.import input[type="file"]').setInputFiles({ name: 'lines.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-progress').getByText('3 added, 0 already there, 0 failed.').waitFor();

    // The recorded sentence: Deactivate, no Delete; it still exists and comes back with Activate.
    const row = list.locator('li', { hasText: recorded.text });
    expect(await row.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Deactivated: speakers no longer get it. Activate brings it back.').waitFor();
    const afterDeactivate = await requestJson<{ items: SentenceJson[] }>(server.url, '/sentences', { token: admin });
    expect(afterDeactivate.items.find((s) => s.id === recorded.id)).toMatchObject({ active: false, takes: 2 });
    await page.getByLabel('Show inactive sentences').check();
    await row.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Active again: speakers can get it.').waitFor();

    // An imported sentence has no take: Delete, confirmed, removes it.
    const fresh = list.locator('li', { hasText: lines[2]! });
    await fresh.getByRole('button', { name: 'Delete' }).click();
    await fresh.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('Deleted: it had no takes.').waitFor();
    await fresh.waitFor({ state: 'detached' });

    // An edit that collides reads as a sentence, and goes once the next edit succeeds.
    await list.locator('li', { hasText: lines[0]! }).getByRole('button', { name: 'Edit' }).click();
    const first = list.locator('form.row-edit');
    await first.locator('input').fill(lines[1]!);
    await first.getByRole('button', { name: 'Save' }).click();
    const notice = page.locator('.notice-box');
    await notice.getByText('This sentence already exists in this language.').waitFor();
    await first.locator('input').fill('Imported line one, edited.');
    await first.getByRole('button', { name: 'Save' }).click();
    await list.locator('li', { hasText: 'Imported line one, edited.' }).getByRole('button', { name: 'Edit' }).waitFor();
    expect(await notice.count()).toBe(0);
  });

  it('when takes are reviewed, then one player with a speed choice plays them, the sentence filter narrows the list, and the filtered takes are accepted at once', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/review?lang=en`);
    const detail = page.getByTestId('take-detail');
    await detail.getByTestId('waveform').waitFor();
    expect(await page.locator('audio[controls]').count()).toBe(0);
    expect(await detail.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await detail.getByLabel('Speed').selectOption('1.5');
    await detail.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="audio"]');
      return !!audio && !audio.paused && audio.playbackRate === 1.5;
    });
    await detail.getByRole('button', { name: 'Pause' }).click();

    // Narrow to the recorded sentence: its two takes remain.
    await page.locator(`[data-row="${takes[0]!.takeId}"]`).click();
    await detail.getByRole('button', { name: 'Only this sentence' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.take-list li').length === 2);
    await page.getByRole('button', { name: 'Accept the 2 shown' }).click();
    await page.getByRole('button', { name: 'Yes, all 2' }).click();
    await page.getByText('2 takes marked as Accepted.').waitFor();
    for (const take of takes.slice(0, 2)) {
      expect((await requestJson<TakeJson>(server.url, `/takes/${take.takeId}`, { token: admin })).review).toBe('accepted');
    }
    expect((await requestJson<TakeJson>(server.url, `/takes/${takes[2]!.takeId}`, { token: admin })).review).toBe('pending');
  });

  it('when an export is chosen, then the panel says how many takes and how much audio it holds, and the browser downloads the tar, in the chosen metadata format, from a link', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/stats?lang=en`);
    await page.getByTestId('export-preview').getByText('This export holds 2 takes and').waitFor();
    await page.getByRole('region', { name: 'Export the dataset' }).getByLabel('Review').selectOption('');
    await page.getByTestId('export-preview').getByText('This export holds 3 takes and').waitFor();
    // The validated subset: nobody has rated these takes, so a minimum agreement leaves none; back to every take.
    const panel = page.getByRole('region', { name: 'Export the dataset' });
    await panel.getByLabel('Agreement at least').selectOption('0.6');
    await page.getByTestId('export-preview').getByText('This export holds 0 takes and').waitFor();
    expect(await page.getByRole('button', { name: 'Download' }).isDisabled()).toBe(true);
    await panel.getByLabel('Agreement at least').selectOption('');
    await panel.getByLabel('Only takes heard as intended').check();
    await page.getByTestId('export-preview').getByText('This export holds 0 takes and').waitFor();
    await panel.getByLabel('Only takes heard as intended').uncheck();
    await page.getByTestId('export-preview').getByText('This export holds 3 takes and').waitFor();
    // Parquet metadata, whose splits load together whatever columns they leave empty.
    await panel.getByLabel('Metadata').selectOption('parquet');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^emovox-dataset-\d{4}-\d{2}-\d{2}\.tar\.gz$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const tar = gunzipSync(bytes).toString('latin1'); // the entry names are plain text in the tar headers
    expect(tar).toContain('/metadata.parquet');
    expect(tar).not.toContain('/metadata.csv');
    await page.getByText('The download has started').waitFor();
  });
});
