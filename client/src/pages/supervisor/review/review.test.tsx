import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TakeJson } from '@emovox/server/protocol';
import { takeJson } from '../../../test-support/take-json';
import { wavBytes } from '../../../test-support/wav-bytes';
import { setLocale } from '../../../lib/i18n';
import { endSession, startSession } from '../../../lib/supervisor-session';
import { ReviewPage } from './index';
import { moveSelection, reviewKeyAction } from './keys';

const el = (tag: string) => document.createElement(tag);

describe('review keys', () => {
  it('when j, k, space, a or r is pressed on the page, then it moves, plays, accepts or rejects', () => {
    const body = document.body;
    expect(['j', 'k', ' ', 'a', 'r', 'x'].map((key) => reviewKeyAction({ key, target: body }))).toEqual(['next', 'previous', 'play', 'accept', 'reject', null]);
  });

  it('when typing in the note, a field or with a modifier, then no shortcut fires', () => {
    for (const tag of ['textarea', 'input', 'select']) expect(reviewKeyAction({ key: 'a', target: el(tag) })).toBeNull();
    expect(reviewKeyAction({ key: 'r', ctrlKey: true, target: document.body })).toBeNull();
    expect(reviewKeyAction({ key: 'j', metaKey: true, target: document.body })).toBeNull();
  });

  it('when space is pressed on a button, then the button keeps it; letters still work there', () => {
    expect(reviewKeyAction({ key: ' ', target: el('button') })).toBeNull();
    expect(reviewKeyAction({ key: 'j', target: el('button') })).toBe('next');
  });

  it('when moving past either end, then the selection stays in the list', () => {
    expect(moveSelection(0, 3, 'previous')).toBe(0);
    expect(moveSelection(2, 3, 'next')).toBe(2);
    expect(moveSelection(-1, 3, 'next')).toBe(0);
    expect(moveSelection(0, 0, 'next')).toBe(-1);
  });
});

/**
 * A fake of the supervisor REST routes the review page calls (jsdom has no server): three
 * pending takes, and PATCH answers with the take as reviewed. Every call is recorded.
 */
function fakeSupervisorApi(
  takes = [takeJson('t1'), takeJson('t2', { emotion: 'anger' }), takeJson('t3', { emotion: 'fear' })],
  others: TakeJson[] = [],
) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  const fetchFake = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    if (url.startsWith('/api/v1/sentences')) return json({ items: [{ id: 's1', text: 'The train leaves at seven.', locale: 'en', active: true }] });
    if (url.startsWith('/api/v1/takes?')) return json({ items: takes, nextCursor: null });
    const audio = url.match(/^\/api\/v1\/takes\/([^/?]+)\/audio/);
    if (audio) return new Response(wavBytes(), { status: 200, headers: { 'Content-Type': 'audio/wav' } });
    const one = url.match(/^\/api\/v1\/takes\/([^/?]+)$/);
    if (one && method === 'DELETE') return new Response(null, { status: 204 });
    const known = one && method === 'GET' ? [...takes, ...others].find((take) => take.takeId === one[1]) : undefined;
    if (known) return json(known);
    if (one && method === 'PATCH') {
      const body = JSON.parse(String(init?.body)) as { review: TakeJson['review']; note: string | null };
      return json({ ...takes.find((take) => take.takeId === one[1]), review: body.review, reviewNote: body.note });
    }
    return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no' } }), { status: 404, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetchFake, calls };
}

describe('review page keyboard', () => {
  let api: ReturnType<typeof fakeSupervisorApi>;
  beforeEach(() => {
    setLocale('en');
    startSession({ token: 'supervisor-token', role: 'supervisor', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    api = fakeSupervisorApi();
    vi.stubGlobal('fetch', api.fetchFake);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:fake');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    // jsdom draws nothing; the waveform is seen in the browser suite's screenshots.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    endSession();
  });

  const currentRow = () => document.querySelector('[data-row][aria-current="true"]')?.getAttribute('data-row');

  it('when j and k are pressed, then the selected take moves down and up, and a accepts the selected one with its note', async () => {
    render(() => <ReviewPage />);
    await waitFor(() => expect(currentRow()).toBe('t1'));
    expect(api.calls.find((call) => call.url.startsWith('/api/v1/takes?'))?.url).toContain('state=saved&review=pending');

    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(currentRow()).toBe('t3');
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(currentRow()).toBe('t2');
    await waitFor(() => expect(document.querySelector('[data-testid="take-detail"]')?.getAttribute('data-take')).toBe('t2'));

    fireEvent.input(screen.getByLabelText('Note (optional)'), { target: { value: 'Good anger.' } });
    // Typing "a" in the note is text, not a shortcut.
    fireEvent.keyDown(screen.getByLabelText('Note (optional)'), { key: 'a' });
    expect(api.calls.some((call) => call.method === 'PATCH')).toBe(false);

    fireEvent.keyDown(document.body, { key: 'a' });
    await waitFor(() => expect(api.calls.find((call) => call.method === 'PATCH')).toBeTruthy());
    const patch = api.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url).toBe('/api/v1/takes/t2');
    expect(patch.body).toEqual({ review: 'accepted', note: 'Good anger.' });
    // After a decision the next take is selected.
    await waitFor(() => expect(currentRow()).toBe('t3'));
    expect(screen.getByText('Take t2 marked as Accepted.')).toBeTruthy();
  });

  it('when r is pressed, then the selected take is rejected', async () => {
    render(() => <ReviewPage />);
    await waitFor(() => expect(currentRow()).toBe('t1'));
    fireEvent.keyDown(document.body, { key: 'r' });
    await waitFor(() => expect(api.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ review: 'rejected', note: null }));
  });

  it('when space is pressed once the audio is loaded, then the take plays; the buttons carry the names Play, Accept and Reject', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    render(() => <ReviewPage />);
    await screen.findByRole('button', { name: 'Play' });
    expect(screen.getByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(play).toHaveBeenCalledTimes(1);
    expect(api.calls.some((call) => call.url === '/api/v1/takes/t1/audio?format=wav')).toBe(true);
  });

  it('when Delete is pressed and confirmed, then DELETE goes out with the token, the take leaves the list and the next one is selected', async () => {
    render(() => <ReviewPage />);
    await waitFor(() => expect(currentRow()).toBe('t1'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    // Nothing is deleted before the confirmation; Cancel has the focus.
    expect(api.calls.some((call) => call.method === 'DELETE')).toBe(false);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() => expect(screen.getByText('Take t1 deleted.')).toBeTruthy());
    expect(api.calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual(['/api/v1/takes/t1']);
    expect(api.fetchFake.mock.calls.find(([, init]) => init?.method === 'DELETE')?.[1]?.headers).toSatisfy(
      (headers: Headers) => headers.get('Authorization') === 'Bearer supervisor-token',
    );
    expect([...document.querySelectorAll('[data-row]')].map((row) => row.getAttribute('data-row'))).toEqual(['t2', 't3']);
    expect(currentRow()).toBe('t2');
  });

  it('when Delete is pressed and then cancelled, then the take stays', async () => {
    render(() => <ReviewPage />);
    await waitFor(() => expect(currentRow()).toBe('t1'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
    expect(api.calls.some((call) => call.method === 'DELETE')).toBe(false);
    expect(document.querySelectorAll('[data-row]')).toHaveLength(3);
  });

  it('when the sentence was edited after the take and the take was re-recorded, then the text as read and the link to the new take show', async () => {
    // The sentence list says "The train leaves at seven." now; the take was read before the edit.
    const asRead = 'The parcel arrived while you were asleep.';
    api = fakeSupervisorApi([takeJson('t1', { sentenceText: asRead, replacedBy: 't9' })], [takeJson('t9', { replaces: 't1' })]);
    vi.stubGlobal('fetch', api.fetchFake);
    render(() => <ReviewPage />);
    await waitFor(() => expect(currentRow()).toBe('t1'));
    expect(document.querySelector('[data-row="t1"] .row-sentence')?.textContent).toBe(asRead);
    expect(document.querySelector('.detail-sentence')?.textContent).toBe(asRead);
    expect(document.querySelector('[data-row="t1"] .replaced')?.textContent).toBe('Replaced');
    fireEvent.click(screen.getByTestId('replaced-by'));
    await waitFor(() => expect(currentRow()).toBe('t9'));
    expect(screen.getByTestId('replaces').textContent).toContain('t1');
    expect(api.calls.some((call) => call.method === 'DELETE')).toBe(false);
  });
});
