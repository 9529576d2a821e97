import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeJson } from '../../../test-support/take-json';
import { setLocale } from '../../../lib/i18n';
import { wavBytes } from '../../../test-support/wav-bytes';
import { endSession, startSession } from '../../../lib/supervisor-session';
import { ReviewPage } from './index';


/** A fake of the routes the review page calls, with POST /takes/:id/redo answering the take rejected. */
function fakeApi() {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  const fetchFake = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, string>) : null;
    calls.push({ method, url, body });
    if (url.startsWith('/api/v1/sentences')) return json({ items: [] });
    if (url.startsWith('/api/v1/takes?')) return json({ items: [takeJson('t1')], nextCursor: null });
    if (url.startsWith('/api/v1/takes/t1/audio')) return new Response(wavBytes(), { status: 200, headers: { 'Content-Type': 'audio/wav' } });
    if (url === '/api/v1/takes/t1/redo' && method === 'POST') return json(takeJson('t1', { review: 'rejected', reviewNote: `${body!.reason}: ${body!.note}` }));
    return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no' } }), { status: 404, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetchFake, calls };
}

describe('redo request from review', () => {
  let api: ReturnType<typeof fakeApi>;
  beforeEach(() => {
    setLocale('en');
    startSession({ token: 'supervisor-token', role: 'supervisor', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    api = fakeApi();
    vi.stubGlobal('fetch', api.fetchFake);
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:fake');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    endSession();
  });

  it('when a redo is sent from the take detail, then POST /takes/:id/redo carries the reason and note, review shortcuts stay out, and the take shows rejected', async () => {
    render(() => <ReviewPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Ask for a redo…' }));
    const misread = screen.getByRole('radio', { name: 'Misread' });
    fireEvent.click(misread);
    fireEvent.keyDown(misread, { key: 'r' }); // review's "reject" must not fire inside the dialog
    fireEvent.input(screen.getByLabelText('Note for the speaker (optional)'), { target: { value: 'Third word' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the request' }));
    await waitFor(() => expect(screen.queryByTestId('redo-dialog')).toBeNull());
    expect(api.calls.filter((call) => call.method !== 'GET')).toEqual([{ method: 'POST', url: '/api/v1/takes/t1/redo', body: { reason: 'misread', note: 'Third word' } }]);
    expect(screen.getByTestId('redo-sent').textContent).toBe('Redo requested: Misread.');
    await waitFor(() => expect(document.querySelector('[data-row="t1"]')?.textContent).toContain('Rejected'));
  });
});
