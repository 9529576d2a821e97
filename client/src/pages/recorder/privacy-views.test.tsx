// "Forget me" and "my takes": what is asked before anything is erased, and what is sent. The server calls are
// named fakes (recorded calls); the real routes are covered in server/test/http/forget-me.test.ts.
import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { TakeJson } from '@emovox/server/protocol';
import { ApiError } from '../../lib/api';
import { takeJson } from '../../test-support/take-json';
import { setLocale } from '../../lib/i18n';
import { ForgetMeDialog } from './ForgetMeDialog';
import { MyTakes } from './MyTakes';

function fakeTake(takeId: string, emotion: TakeJson['emotion'], state: TakeJson['state'] = 'saved'): TakeJson {
  return takeJson(takeId, { emotion, state, savedAt: null });
}

describe('ForgetMeDialog', () => {
  it('when the speaker cancels, then nothing is sent; when they tick "also delete" and confirm, then deleteTakes is true', async () => {
    setLocale('en');
    const fakeForgetCalls: boolean[] = [];
    let forgotten = 0;
    let cancelled = 0;
    render(() => (
      <ForgetMeDialog
        forget={async (deleteTakes) => void fakeForgetCalls.push(deleteTakes)}
        onForgotten={() => (forgotten += 1)}
        onCancel={() => (cancelled += 1)}
      />
    ));
    expect(screen.getByRole('dialog', { name: 'Forget me' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelled).toBe(1);
    expect(fakeForgetCalls).toEqual([]);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Also delete all my takes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Forget me and delete my takes' }));
    await waitFor(() => expect(forgotten).toBe(1));
    expect(fakeForgetCalls).toEqual([true]);
  });

  it('when the server fails, then the browser keeps the token and says nothing was erased', async () => {
    let forgotten = 0;
    render(() => (
      <ForgetMeDialog
        forget={() => Promise.reject(new ApiError(503, { code: 'UNAVAILABLE', message: 'Storage is unavailable' }))}
        onForgotten={() => (forgotten += 1)}
        onCancel={() => {}}
      />
    ));
    fireEvent.click(screen.getByRole('button', { name: 'Forget me' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Nothing was erased/);
    expect(forgotten).toBe(0);
  });

  it('when the locale is French, then the dialog speaks French', () => {
    setLocale('fr');
    render(() => <ForgetMeDialog forget={async () => {}} onForgotten={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole('checkbox', { name: 'Supprimer aussi toutes mes prises' })).toBeTruthy();
    setLocale('en');
  });
});

describe('MyTakes', () => {
  it('when a take’s Delete is clicked, then it asks first; "Keep it" sends nothing, "Yes" deletes it and it leaves the list', async () => {
    setLocale('en');
    const fakeDeleted: string[] = [];
    render(() => (
      <MyTakes load={async () => [fakeTake('t1', 'joy'), fakeTake('t2', 'anger', 'failed')]} remove={async (id) => void fakeDeleted.push(id)} />
    ));
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[1]!.textContent).toMatch(/Anger · failed/);

    fireEvent.click(screen.getAllByRole('button', { name: 'Delete' })[0]!);
    expect(screen.getByRole('group', { name: 'Delete this take for good?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(fakeDeleted).toEqual([]);

    fireEvent.click(screen.getAllByRole('button', { name: 'Delete' })[0]!);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(fakeDeleted).toEqual(['t1']);
    expect(screen.getByRole('listitem').textContent).toMatch(/Anger/);
  });

  it('when the page saves a take (version bumps), then the list is loaded again', async () => {
    const [version, setVersion] = createSignal(0);
    const fakeServerTakes: TakeJson[] = [];
    render(() => <MyTakes load={async () => [...fakeServerTakes]} remove={async () => {}} version={version()} />);
    expect(await screen.findByText('You have no takes yet.')).toBeTruthy();
    fakeServerTakes.push(fakeTake('t3', 'neutral'));
    setVersion(1);
    expect((await screen.findByRole('listitem')).textContent).toMatch(/Neutral · saved/);
  });

  it('when the speaker has no takes, then it says so', async () => {
    render(() => <MyTakes load={async () => []} remove={async () => {}} />);
    expect(await screen.findByText('You have no takes yet.')).toBeTruthy();
  });
});
