import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../../lib/i18n';
import { TakeResult } from '../TakeResult';
import { wavBytes } from '../../../test-support/wav-bytes';


describe('listen-back after a guided take', () => {
  afterEach(() => vi.restoreAllMocks());

  it('when listen-back is on, then Next waits until the take was played to its end, by button or by key', async () => {
    setLocale('en');
    // A fake server answering the take's WAV.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(wavBytes(), { status: 200, headers: { 'Content-Type': 'audio/wav' } }));
    URL.createObjectURL ??= () => 'blob:fake';
    URL.revokeObjectURL ??= () => undefined;
    const onNext = vi.fn();
    render(() => (
      <TakeResult result={{ takeId: 't1', receipt: 'r', take: null, recovered: false }} token="x" saved busy={false} listenBack nextLabel="Keep it, next prompt" onRedo={() => {}} onNext={onNext} />
    ));
    const next = screen.getByRole('button', { name: 'Keep it, next prompt' }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    expect(screen.getByTestId('listen-first').textContent).toBe('Listen to your take before going on.');
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(onNext).not.toHaveBeenCalled();

    const audio = (await screen.findByTestId('take-audio')) as HTMLAudioElement;
    fireEvent(audio, new Event('ended'));
    await waitFor(() => expect(next.disabled).toBe(false));
    expect(screen.queryByTestId('listen-first')).toBeNull();
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(onNext).toHaveBeenCalledTimes(1);
  });

  it('when listen-back is off, then Next works at once', () => {
    const onNext = vi.fn();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(wavBytes(), { status: 200, headers: { 'Content-Type': 'audio/wav' } }));
    render(() => <TakeResult result={{ takeId: 't1', receipt: 'r', take: null, recovered: false }} token="x" saved busy={false} onRedo={() => {}} onNext={onNext} />);
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.keyDown(document.body, { key: 'N' });
    expect(onNext).toHaveBeenCalledTimes(1);
  });
});
