import { render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../lib/i18n';
import { TakeLimit } from './TakeLimit';

describe('TakeLimit', () => {
  it('when idle, then it shows the limit and no countdown', () => {
    setLocale('en');
    render(() => <TakeLimit maxTakeSeconds={60} elapsedMs={0} live={false} autoStopped={false} />);
    expect(screen.getByText('A take lasts at most 60 s.')).toBeTruthy();
    expect(screen.queryByTestId('countdown')).toBeNull();
    expect(screen.getByTestId('countdown-announcement').textContent).toBe('');
  });

  it('when the last 10 s run, then the countdown shows every second but the live region changes only twice', () => {
    setLocale('en');
    const [elapsed, setElapsed] = createSignal(0);
    render(() => <TakeLimit maxTakeSeconds={60} elapsedMs={elapsed()} live={true} autoStopped={false} />);
    const announcement = screen.getByTestId('countdown-announcement');
    const shown = new Set<string>();
    const announced: string[] = [];
    for (let ms = 45_000; ms < 59_000; ms += 100) {
      setElapsed(ms);
      const countdown = screen.queryByTestId('countdown');
      if (countdown) shown.add(countdown.textContent ?? '');
      const text = announcement.textContent ?? '';
      if (text !== (announced.at(-1) ?? '')) announced.push(text);
    }
    expect(shown.size).toBe(10);
    expect(shown.has('Stops in 10 s')).toBe(true);
    expect(shown.has('Stops in 1 s')).toBe(true);
    expect(screen.getByTestId('countdown').getAttribute('aria-hidden')).toBe('true');
    expect(announced).toEqual(['10 seconds left; the recording will stop by itself.', '5 seconds left; the recording will stop by itself.']);
    expect(announcement.getAttribute('aria-live')).toBe('polite');
  });

  it('when the take stopped by itself, then the speaker is told why, in French too', () => {
    setLocale('fr');
    render(() => <TakeLimit maxTakeSeconds={30} elapsedMs={29_500} live={false} autoStopped={true} />);
    expect(screen.getByText('Une prise dure au plus 30 s.')).toBeTruthy();
    expect(screen.getByText('L’enregistrement s’est arrêté tout seul à la limite de 30 s.')).toBeTruthy();
    setLocale('en');
  });
});
