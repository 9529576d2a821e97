import { render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../lib/i18n';
import { sayGoodbyeOnPageHide } from '../../lib/page-goodbye';
import type { Cue } from '../../state/take-cues';
import { ReadyCue } from './ReadyCue';

describe('ReadyCue', () => {
  it('when a take starts, then "get ready", "speak now" and "finishing" follow in one polite live region, in French too', () => {
    setLocale('en');
    const [cue, setCue] = createSignal<Cue | null>(null);
    render(() => <ReadyCue cue={cue()} />);
    const region = screen.getByTestId('cue-region');
    expect(region.getAttribute('role')).toBe('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    setCue('ready');
    expect(screen.getByTestId('cue').dataset.cue).toBe('ready');
    expect(region.textContent).toBe('Get ready…');
    setCue('speak');
    expect(region.textContent).toBe('Speak now');
    setCue('finishing');
    expect(region.textContent).toBe('Finishing the take…');
    setLocale('fr');
    setCue('speak');
    expect(region.textContent).toBe('Parlez');
    setCue(null);
    expect(region.textContent).toBe('');
    setLocale('en');
  });
});

describe('the page says goodbye', () => {
  it('when the page is hidden on the way out, then the socket says goodbye; back from the back/forward cache, it rejoins', () => {
    const fakeSocket = { leave: vi.fn(), rejoin: vi.fn() };
    const target = new EventTarget() as unknown as Window;
    const stop = sayGoodbyeOnPageHide(fakeSocket, target);
    target.dispatchEvent(new Event('pagehide'));
    expect(fakeSocket.leave).toHaveBeenCalledTimes(1);
    const show = (persisted: boolean) => Object.assign(new Event('pageshow'), { persisted });
    target.dispatchEvent(show(false));
    expect(fakeSocket.rejoin).not.toHaveBeenCalled();
    target.dispatchEvent(show(true));
    expect(fakeSocket.rejoin).toHaveBeenCalledTimes(1);
    stop();
    target.dispatchEvent(new Event('pagehide'));
    expect(fakeSocket.leave).toHaveBeenCalledTimes(1);
  });
});
