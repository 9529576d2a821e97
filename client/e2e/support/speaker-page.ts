import type { Page } from 'playwright-core';

// Steps a speaker takes on the recorder page, found by their accessible names (issue 3).

export async function agreeToConsent(page: Page, buttonName: string | RegExp = 'I agree, start recording'): Promise<void> {
  await page.getByRole('button', { name: buttonName }).click();
  await page.locator('.sentence-text').waitFor();
}

export async function waitForStatus(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  await page.locator('[role="status"]', { hasText: text }).first().waitFor({ timeout });
}

export async function ackedChunks(page: Page): Promise<number> {
  return Number(await page.getByTestId('chunks-acked').textContent());
}

export async function waitForAcked(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="chunks-acked"]')?.textContent ?? -1) >= n, atLeast);
}

export async function speakerToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => localStorage.getItem('emovox.speakerToken'));
  if (!token) throw new Error('no speaker token in localStorage');
  return token;
}

export async function savedTake(page: Page): Promise<{ takeId: string; receipt: string }> {
  const takeId = (await page.getByTestId('take-id').textContent())?.trim() ?? '';
  const receipt = (await page.getByTestId('receipt').textContent())?.trim() ?? '';
  return { takeId, receipt };
}

export async function fetchWav(baseUrl: string, takeId: string, token: string): Promise<Buffer> {
  const response = await fetch(`${baseUrl}/api/v1/takes/${takeId}/audio?format=wav`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`WAV fetch failed: ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
