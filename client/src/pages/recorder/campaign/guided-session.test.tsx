import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api';
import { setLocale } from '../../../lib/i18n';
import type { CampaignSession, Prompt, TakeRedo } from '../../../lib/campaigns/types';
import type { RecordSocket } from '../../../lib/record-socket';
import { takeJson } from '../../../test-support/take-json';
import { createGuidedSession, type GuidedSessionApi } from './create-guided-session';
import { GuidedPanel } from './GuidedPanel';
import { PromptCard, promptNumber } from './PromptCard';
import { RedoBanner } from './RedoBanner';
import { SessionSummary } from './SessionSummary';
import { SkipDialog } from './SkipDialog';
import { StatusLine } from '../StatusLine';

const prompt = (n: number, emotion: Prompt['emotion'] = 'joy'): Prompt => ({
  promptId: `p${n}`,
  sentence: { id: `s${n}`, text: `Sentence number ${n}.`, locale: 'en' },
  emotion,
  intensity: n % 2 ? 'high' : null,
});
const session = (done: number, next: Prompt | null, total = 30): CampaignSession => ({ campaignId: 'c1', name: 'Spring study', done, total, next, listenBack: false });

/** A fake server for guided sessions: it hands out prompts in order and records skips. */
function fakeApi(prompts: Prompt[], total = prompts.length) {
  let done = 0;
  let front: Prompt | null = null;
  const skipped: { promptId: string; reason: string; note: string | null }[] = [];
  const now = () => session(done, front ?? prompts[done] ?? null, total);
  const api: GuidedSessionApi = {
    join: (code) => (code === 'GOOD42' ? Promise.resolve(now()) : Promise.reject(new ApiError(404, { code: 'NOT_FOUND', message: 'no' }))),
    session: () => Promise.resolve(now()),
    skip: (_c, promptId, reason, note) => {
      skipped.push({ promptId, reason, note });
      done += 1;
      return Promise.resolve(now());
    },
    take: (takeId) => Promise.resolve(takeJson(takeId, { sentenceText: 'Free sentence.', emotion: 'fear' })),
  };
  return { api, skipped, save: () => void (done += 1), redo: (p: Prompt) => void ((front = p), (done -= 1)), clearFront: () => void (front = null) };
}

/** A named fake of the record socket: only take:redo matters here. */
function fakeSocket() {
  let listener: ((redo: TakeRedo) => void) | null = null;
  const socket = { onRedo: (l: (redo: TakeRedo) => void) => ((listener = l), () => (listener = null)) } as unknown as RecordSocket;
  return { socket, push: (redo: TakeRedo) => listener?.(redo) };
}

describe('guided session views', () => {
  it('when a prompt is shown, then it says "prompt N of M", the emotion with its description, the intensity and a progress bar', () => {
    setLocale('en');
    render(() => <PromptCard session={session(6, prompt(7))} prompt={prompt(7, 'anger')} locked={false} onSkip={() => {}} onLeave={() => {}} />);
    expect(screen.getByTestId('prompt-count').textContent).toBe('Prompt 7 of 30');
    expect(screen.getByTestId('prompt-emotion').textContent).toBe('Anger');
    expect(screen.getByText(/firm, tense and louder/)).toBeTruthy();
    expect(screen.getByTestId('prompt-intensity').textContent).toBe('Intensity: High');
    const bar = screen.getByRole('progressbar', { name: 'Session progress' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([6, 30]);
  });

  it('when the locale is French, then the prompt reads "Consigne N sur M" with a French description', () => {
    setLocale('fr');
    render(() => <PromptCard session={session(0, prompt(2))} prompt={prompt(2, 'sadness')} locked={false} onSkip={() => {}} onLeave={() => {}} />);
    expect(screen.getByTestId('prompt-count').textContent).toBe('Consigne 1 sur 30');
    expect(screen.getByText(/Triste et bas/)).toBeTruthy();
    expect(screen.getByTestId('prompt-intensity').textContent).toBe('Intensité\u00a0: à votre choix');
    setLocale('en');
  });

  it('when a guided prompt waits, then the status does not ask the speaker to choose an emotion', () => {
    setLocale('en');
    render(() => <StatusLine phase="idle" progress={null} recovered={false} idleText="Ready: read the sentence with this emotion, then record (Space)." />);
    expect(screen.getByRole('status').textContent).toBe('Ready: read the sentence with this emotion, then record (Space).');
  });

  it('when every prompt is done, then the number stays at the session size', () => {
    expect(promptNumber({ done: 30, total: 30 })).toBe(30);
    expect(promptNumber({ done: 0, total: 5 })).toBe(1);
  });

  it('when a reason is chosen in the skip dialog, then Skip sends that reason and the note', async () => {
    const skip = vi.fn(() => Promise.resolve());
    const onDone = vi.fn();
    render(() => <SkipDialog skip={skip} onDone={onDone} onCancel={() => {}} />);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'It is offensive' }));
    fireEvent.click(screen.getByRole('radio', { name: 'It is in the wrong language' }));
    fireEvent.input(screen.getByLabelText('Note (optional)'), { target: { value: 'This is German' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(skip).toHaveBeenCalledWith('wrong_language', 'This is German');
  });

  it('when keys are pressed in the skip dialog, then the recorder behind does not see them, and Escape cancels', () => {
    const behind = vi.fn();
    const onCancel = vi.fn();
    window.addEventListener('keydown', behind);
    render(() => <SkipDialog skip={() => Promise.resolve()} onDone={() => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByRole('radio', { name: 'I cannot read it' }), { key: ' ', code: 'Space' });
    fireEvent.keyDown(screen.getByRole('radio', { name: 'I cannot read it' }), { key: 'Escape' });
    window.removeEventListener('keydown', behind);
    expect(behind).not.toHaveBeenCalled();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('when the skip fails, then the dialog stays and says why', async () => {
    const onDone = vi.fn();
    render(() => <SkipDialog skip={() => Promise.reject(new Error('offline'))} onDone={onDone} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect((await screen.findByRole('alert')).textContent).toContain('offline');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('when a redo request names a campaign prompt, then the banner gives the reason and note, and no free re-record', () => {
    render(() => <RedoBanner notice={{ redo: { takeId: 't1', promptId: 'p1', reason: 'too_quiet', note: 'Closer to the mic' }, take: null }} busy={false} onReRecord={() => {}} onDismiss={() => {}} />);
    expect(screen.getByRole('alert').textContent).toContain('Reason: too quiet');
    expect(screen.getByText('Note: Closer to the mic')).toBeTruthy();
    expect(screen.getByText('This prompt comes next.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Re-record it' })).toBeNull();
  });

  it('when a redo request is outside a campaign, then the banner names the sentence and emotion and offers to re-record', () => {
    const onReRecord = vi.fn();
    const take = takeJson('t2', { sentenceText: 'The old sentence.', emotion: 'disgust' });
    render(() => <RedoBanner notice={{ redo: { takeId: 't2', promptId: null, reason: 'cut_off', note: null }, take }} busy={false} onReRecord={onReRecord} onDismiss={() => {}} />);
    expect(screen.getByText('The old sentence.')).toBeTruthy();
    expect(screen.getByText('Disgust')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Re-record it' }));
    expect(onReRecord).toHaveBeenCalled();
  });

  it('when the session ends, then the summary thanks the speaker and focuses its heading', () => {
    render(() => <SessionSummary session={session(3, null, 3)} onLeave={() => {}} />);
    expect(screen.getByText('You recorded 3 of 3 prompts in “Spring study”.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Thank you!' }));
  });
});

describe('guided session state', () => {
  const make = (fake: ReturnType<typeof fakeApi>, idle = true) => {
    const socket = fakeSocket();
    const guided = createRoot(() => createGuidedSession({ token: () => 'tok', socket: () => socket.socket, idle: () => idle, api: fake.api }));
    guided.attach();
    return { guided, socket };
  };

  it('when a speaker joins, then the first prompt shows and the campaign is remembered for a reload', async () => {
    localStorage.clear();
    const fake = fakeApi([prompt(1), prompt(2)]);
    const { guided } = make(fake);
    await guided.join('GOOD42');
    expect(guided.prompt()?.promptId).toBe('p1');
    expect(localStorage.getItem('emovox.campaignId')).toBe('c1');
    const again = make(fake).guided; // a reload: a new page with the same storage
    await again.refresh(true);
    expect(again.prompt()?.promptId).toBe('p1');
  });

  it('when an unknown code is typed, then joining fails with NOT_FOUND and nothing is remembered', async () => {
    localStorage.clear();
    const { guided } = make(fakeApi([prompt(1)]));
    await expect(guided.join('NOPE00')).rejects.toMatchObject({ status: 404 });
    expect(localStorage.getItem('emovox.campaignId')).toBeNull();
  });

  it('when a take is saved, then the prompt on screen stays until the speaker moves on, and the end comes after the last', async () => {
    const fake = fakeApi([prompt(1), prompt(2)]);
    const { guided } = make(fake);
    await guided.join('GOOD42');
    fake.save();
    guided.saved('p1');
    await waitFor(() => expect(guided.session()?.done).toBe(1));
    expect(guided.prompt()?.promptId).toBe('p1');
    await guided.advance();
    expect(guided.prompt()?.promptId).toBe('p2');
    fake.save();
    await guided.advance();
    expect(guided.finished()).toBe(true);
  });

  it('when a prompt is skipped, then the server hears the reason and the next prompt shows', async () => {
    const fake = fakeApi([prompt(1), prompt(2)]);
    const { guided } = make(fake);
    await guided.join('GOOD42');
    await guided.skip('offensive', null);
    expect(fake.skipped).toEqual([{ promptId: 'p1', reason: 'offensive', note: null }]);
    expect(guided.prompt()?.promptId).toBe('p2');
  });

  it('when a redo comes while idle, then its prompt comes on screen at once; saving it answers the request', async () => {
    const fake = fakeApi([prompt(1), prompt(2), prompt(3)]);
    const { guided, socket } = make(fake, true);
    await guided.join('GOOD42');
    fake.save();
    await guided.advance();
    expect(guided.prompt()?.promptId).toBe('p2');
    fake.redo(prompt(1));
    socket.push({ takeId: 't1', promptId: 'p1', reason: 'misread', note: null });
    await waitFor(() => expect(guided.prompt()?.promptId).toBe('p1'));
    expect(guided.redo()?.redo.reason).toBe('misread');
    fake.clearFront();
    fake.save();
    guided.saved('p1');
    expect(guided.redo()).toBeNull();
  });

  it('when the skip dialog closes, then focus returns to Skip (the next prompt\'s after a skip)', async () => {
    const fake = fakeApi([prompt(1), prompt(2)]);
    const { guided } = make(fake);
    await guided.join('GOOD42');
    render(() => <GuidedPanel guided={guided} locked={false} onLeave={() => {}} />);
    fireEvent.click(screen.getByTestId('skip-button'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('skip-button')));
    fireEvent.click(screen.getByTestId('skip-button'));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(screen.getByTestId('prompt').getAttribute('data-prompt')).toBe('p2'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('skip-button')));
  });

  it('when a redo outside a campaign comes, then the take is fetched to name its sentence', async () => {
    const { guided, socket } = make(fakeApi([prompt(1)]));
    socket.push({ takeId: 't9', promptId: null, reason: 'noise', note: 'fan' });
    await waitFor(() => expect(guided.redo()?.take?.sentenceText).toBe('Free sentence.'));
  });
});
