import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../../lib/i18n';
import type { PerceivedTake } from '../../../lib/listen-types';
import { endSession, startSession } from '../../../lib/supervisor-session';
import { perception } from '../../../test-support/perception';
import { takeJson } from '../../../test-support/take-json';
import { wavBytes } from '../../../test-support/wav-bytes';
import { ReviewPage } from './index';
import { reviewKeyAction } from './keys';

/** A fake of GET /takes, GET/PATCH /takes/:id for the review page (jsdom has no server); every call recorded. */
function fakeApi(takes: PerceivedTake[]) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
      calls.push({ method, url, body });
      if (url.startsWith('/api/v1/takes?')) return json({ items: takes, nextCursor: null });
      if (url.includes('/audio')) return new Response(wavBytes(), { status: 200, headers: { 'Content-Type': 'audio/wav' } });
      const one = /^\/api\/v1\/takes\/([^/?]+)$/.exec(url);
      const take = one ? takes.find((known) => known.takeId === one[1]) : undefined;
      if (take && method === 'PATCH') {
        Object.assign(take, body);
        return json(take);
      }
      if (take) return json(take);
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no' } }), { status: 404, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

describe('review: perception next to intention', () => {
  beforeEach(() => {
    setLocale('en');
    startSession({ token: 'supervisor-token', role: 'supervisor', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:fake');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    endSession();
  });

  it('when g is pressed on the page, then it stands for gold; not while typing', () => {
    expect(reviewKeyAction({ key: 'g', target: document.body })).toBe('gold');
    expect(reviewKeyAction({ key: 'g', target: document.createElement('textarea') })).toBeNull();
  });

  it('when a take has ratings, then the detail shows the perceived emotion, the agreement and the votes as text', async () => {
    fakeApi([{ ...takeJson('t1', { emotion: 'joy' }), gold: false, perception: perception() }]);
    render(() => <ReviewPage />);
    const panel = await screen.findByTestId('perception');
    expect(within(panel).getByTestId('perceived').textContent).toBe('Anger ≠ differs from the intention');
    expect(within(panel).getByTestId('agreement').textContent).toBe('60% of 5 ratings');
    expect(panel.textContent).toContain('3.4 / 5');
    expect(panel.textContent).toContain('noise 2');
    const votes = within(panel).getByTestId('votes');
    expect([...votes.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Joy1', 'Sadness0', 'Anger3', 'Disgust0', 'Fear0', 'Neutral1', 'Other0']);
    // The intended emotion's row is marked in the chart.
    expect(votes.querySelector('li.intended')?.getAttribute('data-heard')).toBe('joy');
    // The list row says it too.
    expect(document.querySelector('[data-row="t1"]')?.textContent).toContain('heard as Anger, 60%');
  });

  it('when listeners tie, then the panel says there is no plurality; with no rating, it says none counted yet', async () => {
    fakeApi([
      { ...takeJson('t1'), gold: false, perception: perception({ perceivedEmotion: null, intendedMatch: null, agreement: 0.5, ratings: 2 }) },
      { ...takeJson('t2'), gold: false, perception: null },
    ]);
    render(() => <ReviewPage />);
    expect((await screen.findByTestId('perceived')).textContent).toBe('No plurality (tie)');
    fireEvent.keyDown(document.body, { key: 'j' });
    await screen.findByText(/No counted rating yet/);
  });

  it('when g is pressed twice, then the take is marked gold, shows the badge, then is unmarked; its review is untouched', async () => {
    const calls = fakeApi([{ ...takeJson('t1'), gold: false, perception: null }]);
    render(() => <ReviewPage />);
    await screen.findByTestId('perception');
    fireEvent.keyDown(document.body, { key: 'g' });
    await screen.findByTestId('gold-badge');
    expect(screen.getByTestId('gold-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Take t1 is now a gold take.')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'g' });
    await waitFor(() => expect(screen.queryByTestId('gold-badge')).toBeNull());
    const patches = calls.filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.body)).toEqual([{ gold: true }, { gold: false }]);
  });

  it('when the perceived, agreement and gold filters are chosen, then the list asks the server with them', async () => {
    const calls = fakeApi([{ ...takeJson('t1'), gold: true, perception: perception() }]);
    render(() => <ReviewPage />);
    await screen.findByTestId('perception');
    fireEvent.change(screen.getByLabelText('Perceived'), { target: { value: 'other' } });
    fireEvent.change(screen.getByLabelText('Agreement at least'), { target: { value: '0.8' } });
    fireEvent.change(screen.getByLabelText('Gold'), { target: { value: 'true' } });
    await waitFor(() => {
      const last = calls.filter((call) => call.url.startsWith('/api/v1/takes?')).at(-1)!;
      const query = new URL(last.url, 'http://x').searchParams;
      expect([query.get('perceived'), query.get('minAgreement'), query.get('gold')]).toEqual(['other', '0.8', 'true']);
    });
  });
});
