import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../lib/i18n';
import type { Assignment } from '../../lib/listen-types';
import ListenPage from './index';
import { listenKeyAction } from './listen-keys';
import { blocker, emptyDraft, pickIntensity, ratingOf, toggleProblem, type RatingDraft } from './rating-draft';

const el = (tag: string, type?: string) => {
  const node = document.createElement(tag);
  if (type) node.setAttribute('type', type);
  return node;
};
const body = () => document.body;

describe('listening keys', () => {
  it('when 1–6 or 0 is pressed, then it picks the six emotions in the contract order, or "other"', () => {
    const picked = ['1', '2', '3', '4', '5', '6', '0'].map((d) => listenKeyAction({ key: d, code: `Digit${d}`, target: body() }));
    expect(picked.map((a) => (a?.kind === 'emotion' ? a.emotion : null))).toEqual(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral', 'other']);
    expect(listenKeyAction({ key: '7', code: 'Digit7', target: body() })).toBeNull();
    expect(listenKeyAction({ key: '4', code: 'Numpad4', target: body() })).toEqual({ kind: 'emotion', emotion: 'disgust' });
  });

  it('when an AZERTY keyboard types the digit row with or without Shift, then the emotion is the same', () => {
    // Unshifted, AZERTY's Digit1 prints "&"; shifted it prints "1". Both are the key left of the top row's "2".
    expect(listenKeyAction({ key: '&', code: 'Digit1', target: body() })).toEqual({ kind: 'emotion', emotion: 'joy' });
    expect(listenKeyAction({ key: 'à', code: 'Digit0', target: body() })).toEqual({ kind: 'emotion', emotion: 'other' });
    expect(listenKeyAction({ key: '1', code: 'Digit1', target: body() })).toEqual({ kind: 'emotion', emotion: 'joy' });
  });

  it('when the five leftmost keys of the top letter row are pressed, then they set intensity 1–5 on QWERTY and AZERTY alike', () => {
    const qwerty = ['q', 'w', 'e', 'r', 't'].map((key) => listenKeyAction({ key, code: `Key${key.toUpperCase()}`, target: body() }));
    const azerty = [['a', 'KeyQ'], ['z', 'KeyW'], ['e', 'KeyE'], ['r', 'KeyR'], ['t', 'KeyT']].map(([key, code]) => listenKeyAction({ key: key!, code: code!, target: body() }));
    const levels = [1, 2, 3, 4, 5].map((level) => ({ kind: 'intensity', level }));
    expect(qwerty).toEqual(levels);
    expect(azerty).toEqual(levels);
    // AZERTY's "q" sits on KeyA: not an intensity key.
    expect(listenKeyAction({ key: 'q', code: 'KeyA', target: body() })).toBeNull();
  });

  it('when Space or Enter is pressed on the page, then it replays or submits; on a control they keep their own meaning', () => {
    expect(listenKeyAction({ key: ' ', code: 'Space', target: body() })).toEqual({ kind: 'replay' });
    expect(listenKeyAction({ key: 'Enter', code: 'Enter', target: body() })).toEqual({ kind: 'submit' });
    expect(listenKeyAction({ key: ' ', code: 'Space', target: el('button') })).toBeNull();
    expect(listenKeyAction({ key: ' ', code: 'Space', target: el('input', 'checkbox') })).toBeNull();
    expect(listenKeyAction({ key: 'Enter', code: 'Enter', target: el('button') })).toBeNull();
    // Enter on a checked box or a radio sends the answer: those have no Enter of their own.
    expect(listenKeyAction({ key: 'Enter', code: 'Enter', target: el('input', 'checkbox') })).toEqual({ kind: 'submit' });
  });

  it('when typing in a text field or with a modifier, then no shortcut fires', () => {
    expect(listenKeyAction({ key: '1', code: 'Digit1', target: el('input', 'text') })).toBeNull();
    expect(listenKeyAction({ key: 'r', code: 'KeyR', target: el('textarea') })).toBeNull();
    expect(listenKeyAction({ key: 'r', code: 'KeyR', ctrlKey: true, target: body() })).toBeNull();
    expect(listenKeyAction({ key: '1', code: 'Digit1', altKey: true, target: body() })).toBeNull();
  });
});

describe('an answer in the making', () => {
  it('when the clip was not heard to the end, then nothing can be sent, whatever was picked', () => {
    const draft = { ...emptyDraft(0), emotion: 'joy' as const, plays: 1 };
    expect(blocker(draft)).toBe('notHeard');
    expect(ratingOf(draft, 100)).toBeNull();
    expect(blocker({ ...draft, emotion: null, heardToEnd: true })).toBe('noEmotion');
  });

  it('when heard and an emotion picked, then the rating carries plays, the response time and the problems in contract order', () => {
    let draft: RatingDraft = { ...emptyDraft(1000), emotion: 'other', plays: 2, heardToEnd: true };
    draft = toggleProblem(toggleProblem(toggleProblem(draft, 'silent'), 'noise'), 'cut_off');
    draft = toggleProblem(draft, 'cut_off');
    expect(ratingOf(pickIntensity(draft, 4), 3500.4)).toEqual({ emotion: 'other', intensity: 4, problems: ['noise', 'silent'], responseMs: 2500, plays: 2 });
    // Kept within what the server accepts.
    expect(ratingOf({ ...draft, plays: 20_000, readyAt: 0 }, 1e13)).toMatchObject({ plays: 10_000, responseMs: 2_147_483_647 });
  });

  it('when the same intensity key is pressed twice, then the intensity is cleared; a click on it keeps it', () => {
    const draft = pickIntensity(emptyDraft(0), 3, true);
    expect(draft.intensity).toBe(3);
    expect(pickIntensity(draft, 3, true).intensity).toBeNull();
    expect(pickIntensity(draft, 3).intensity).toBe(3);
    expect(pickIntensity(draft, null).intensity).toBeNull();
  });
});

const assignment = (n: number): Assignment => ({
  assignmentId: `a${n}`,
  sentence: { text: `Sentence number ${n}.`, locale: 'en' },
  audioUrl: `/api/v1/listen/assignments/a${n}/audio`,
  expiresAt: '2026-11-29T20:00:00.000Z',
});

/** A fake of the listening routes (jsdom has no server): the given assignments in turn, then 204. */
function fakeListenApi(queue: Assignment[], options: { refuseFirstAnswer?: number } = {}) {
  const posts: { url: string; body: unknown }[] = [];
  let rated = 7;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.startsWith('/api/v1/listen/next')) {
      const next = queue.shift();
      return next ? json(next) : new Response(null, { status: 204 });
    }
    if (url.endsWith('/audio')) return new Response(new ArrayBuffer(64), { status: 200, headers: { 'Content-Type': 'audio/wav' } });
    if (url.startsWith('/api/v1/listen/assignments/') && init?.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body)) });
      if (options.refuseFirstAnswer && posts.length === 1) return json({ error: { code: 'CONFLICT', message: 'ask for the next one' } }, options.refuseFirstAnswer);
      rated += 1;
      return json({ ok: true }, 201);
    }
    if (url === '/api/v1/listen/me') return json({ rated, goldRated: 0, goldAccuracy: null, counted: true, available: 12 });
    return json({ error: { code: 'NOT_FOUND', message: 'no' } }, 404);
  });
  return posts;
}

const press = (key: string, code: string) => fireEvent.keyDown(window, { key, code });

describe('the /listen page', () => {
  beforeEach(() => {
    setLocale('en');
    localStorage.setItem('emovox.speakerToken', 'speaker-token');
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:clip');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('when the clip has not been heard to the end, then Send stays disabled and says why; Enter sends nothing', async () => {
    const posts = fakeListenApi([assignment(1)]);
    render(() => <ListenPage />);
    await screen.findByText('Sentence number 1.');
    press('3', 'Digit3');
    const send = screen.getByTestId('submit-rating') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(screen.getByTestId('submit-why').textContent).toMatch(/whole clip/);
    press('Enter', 'Enter');
    await waitFor(() => expect(screen.getByTestId('listen-announce').textContent).toMatch(/whole clip/));
    expect(posts).toEqual([]);
    // The keys are written on the page, open: jsdom has no keyboard layout map, so the QWERTY letters show.
    const help = screen.getByTestId('key-help');
    expect(help.hasAttribute('open')).toBe(true);
    expect(help.textContent).toContain('Q W E R T set the strength 1 to 5');
    expect(help.textContent).toContain('0 picks “Other”');
  });

  it('when the listener plays the clip to the end and answers by keyboard, then the rating is sent and the counter moves on', async () => {
    const posts = fakeListenApi([assignment(1), assignment(2)]);
    render(() => <ListenPage />);
    await screen.findByText('Sentence number 1.');
    await waitFor(() => expect(screen.getByTestId('listen-progress').textContent).toBe('Rated this visit: 0 · in total: 7 · Clips waiting for you: 12'));
    const audio = screen.getByTestId('clip-audio') as HTMLAudioElement;
    fireEvent.play(audio);
    fireEvent.ended(audio);
    press('3', 'Digit3');
    press('e', 'KeyE');
    press(' ', 'Space');
    fireEvent.play(audio);
    fireEvent.ended(audio);
    expect((screen.getByRole('radio', { name: 'Anger' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Background noise' }));
    expect((screen.getByTestId('submit-rating') as HTMLButtonElement).disabled).toBe(false);
    press('Enter', 'Enter');
    await screen.findByText('Sentence number 2.');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('/api/v1/listen/assignments/a1');
    expect(posts[0]!.body).toMatchObject({ emotion: 'anger', intensity: 3, problems: ['noise'], plays: 2 });
    expect((posts[0]!.body as { responseMs: number }).responseMs).toBeGreaterThanOrEqual(0);
    await waitFor(() => expect(screen.getByTestId('listen-progress').textContent).toMatch(/^Rated this visit: 1 · in total: 8/));
    // The new clip starts from nothing: not heard, no emotion.
    expect((screen.getByTestId('submit-rating') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('radio', { name: 'Anger', checked: true })).toBeNull();
  });

  it('when the server answers 204, then a friendly empty state offers to check again and to record', async () => {
    fakeListenApi([]);
    render(() => <ListenPage />);
    await screen.findByText('Nothing left to rate for now');
    expect(screen.getByRole('link', { name: 'Record sentences' }).getAttribute('href')).toBe('/');
    expect(screen.queryByTestId('clip')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await screen.findByText('Nothing left to rate for now');
  });

  it('when the page never shows the intended emotion: nothing in an assignment carries it, and the page shows only the sentence', async () => {
    fakeListenApi([assignment(1)]);
    render(() => <ListenPage />);
    const sentence = await screen.findByTestId('clip-sentence');
    expect(sentence.textContent).toBe('Sentence number 1.');
    expect(screen.getByTestId('clip').textContent).not.toMatch(/joy|anger|a1/i);
  });

  it('when there is no speaker token, then the consent comes first, with a note that it covers listening', async () => {
    localStorage.clear();
    fakeListenApi([]);
    render(() => <ListenPage />);
    expect(screen.getByText(/same consent covers recording and listening/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'I agree, start recording' })).toBeTruthy();
  });

  it('when the answer comes after the assignment expired (409), then a new clip comes and the page says why', async () => {
    const posts = fakeListenApi([assignment(1), assignment(2)], { refuseFirstAnswer: 409 });
    render(() => <ListenPage />);
    await screen.findByText('Sentence number 1.');
    const audio = screen.getByTestId('clip-audio') as HTMLAudioElement;
    fireEvent.play(audio);
    fireEvent.ended(audio);
    press('1', 'Digit1');
    press('Enter', 'Enter');
    await screen.findByText('Sentence number 2.');
    expect(screen.getByTestId('listen-announce').textContent).toMatch(/went back to the queue/);
    expect(posts).toHaveLength(1);
    expect(screen.getByTestId('listen-progress').textContent).toMatch(/^Rated this visit: 0/);
  });

  it('when the browser cannot play the clip, then the page says so and offers to try again', async () => {
    fakeListenApi([assignment(1), assignment(2)]);
    render(() => <ListenPage />);
    await screen.findByText('Sentence number 1.');
    fireEvent.error(screen.getByTestId('clip-audio'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not play the clip/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Sentence number 2.');
  });
});
