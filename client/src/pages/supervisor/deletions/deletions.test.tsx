import { render, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeletionJson } from '@emovox/server/protocol';
import { setLocale } from '../../../lib/i18n';
import { endSession, startSession } from '../../../lib/supervisor-session';
import { DeletionsPage } from './index';

/** A fake of GET /api/v1/deletions (jsdom has no server), answering the rows it is given. */
function fakeDeletionsRoute(items: DeletionJson[]) {
  const fetchFake = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get('Authorization');
    if (String(input) !== '/api/v1/deletions' || auth !== 'Bearer supervisor-token') {
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no' } }), { status: 404, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(JSON.stringify({ items }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchFake);
  return fetchFake;
}

const ROWS: DeletionJson[] = [
  { takeId: 'aaaaaaaa-0000-4000-8000-000000000001', deletedAt: '2026-11-21T09:30:00.000Z', reason: 'supervisor' },
  { takeId: 'bbbbbbbb-0000-4000-8000-000000000002', deletedAt: '2026-11-20T18:05:00.000Z', reason: 'speaker_request' },
  { takeId: 'cccccccc-0000-4000-8000-000000000003', deletedAt: '2026-11-20T08:00:00.000Z', reason: 'speaker_request' },
];

describe('deletions page', () => {
  beforeEach(() => {
    setLocale('en');
    startSession({ token: 'supervisor-token', role: 'supervisor', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    endSession();
  });

  it('when nothing was deleted, then it says so and explains when takes appear here', async () => {
    const fetchFake = fakeDeletionsRoute([]);
    render(() => <DeletionsPage />);
    expect(await screen.findByText('No take has been deleted yet.')).toBeTruthy();
    expect(screen.getByText(/when its speaker deletes it with the receipt/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(fetchFake).toHaveBeenCalledTimes(1);
  });

  it('when takes were deleted, then each row shows the full take ID, the time and the reason in plain words, newest first', async () => {
    fakeDeletionsRoute(ROWS);
    render(() => <DeletionsPage />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-take'))).toEqual(ROWS.map((row) => row.takeId));
    expect(within(rows[0]!).getByText(ROWS[0]!.takeId)).toBeTruthy();
    expect(within(rows[0]!).getByText('Deleted by a supervisor')).toBeTruthy();
    expect(within(rows[1]!).getByText('Asked by the speaker')).toBeTruthy();
    expect(rows[0]!.querySelector('time')?.getAttribute('datetime')).toBe(ROWS[0]!.deletedAt);
    // The counters add up the reasons.
    const counts = screen.getByTestId('deletion-counts');
    expect([...counts.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(['3', '2', '1']);
    expect(screen.queryByText('No take has been deleted yet.')).toBeNull();
  });

  it('when the page is in French, then the reasons read in French', async () => {
    setLocale('fr');
    fakeDeletionsRoute(ROWS);
    render(() => <DeletionsPage />);
    expect(await screen.findByText('Supprimée par un superviseur')).toBeTruthy();
    expect(screen.getAllByText('À la demande du locuteur')).toHaveLength(2);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Suppressions' })).toBeTruthy());
  });
});
