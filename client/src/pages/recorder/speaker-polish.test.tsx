import { fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMOTIONS, QUALITY_FLAGS } from '@emovox/server/protocol';
import { en } from '../../lib/i18n/en';
import { fr } from '../../lib/i18n/fr';
import { setLocale, t } from '../../lib/i18n';
import { DeletePage } from '../delete';
import { NotFoundPage } from '../not-found';
import { EmotionPicker } from './EmotionPicker';
import { LiveFeedback } from './LiveFeedback';
import { RecordControls } from './RecordControls';
import { StatusLine } from './StatusLine';
import { TakeResult } from './TakeResult';

const quietMeter = { level: () => ({ rmsDb: -30, peak: 0.1 }), clipping: () => false, tooQuiet: () => false, takePeak: () => 0.1 };
const progress = { takeId: 't', receipt: 'r', captured: 10, sent: 0, acked: 10, unacked: 0, connected: true, serverState: 'saved' as const, error: null };
const controls = { elapsedMs: 0, canRecord: true, testingMic: false, testUrl: null, onTestMic: () => {}, onRecord: () => {}, onPause: () => {}, onResume: () => {}, onStop: () => {} };

afterEach(() => setLocale('en'));

describe('advice and tips', () => {
  it('when a take has a quality flag, then the advice says what to do', () => {
    expect(en.advice_clipped).toMatch(/lower the input volume/i);
    expect(en.advice_too_quiet).toMatch(/move closer/i);
    expect(en.advice_mostly_silence).toMatch(/quieter room/);
    for (const flag of QUALITY_FLAGS) expect(fr[`advice_${flag}`]).toBeTruthy();
  });

  it('when an emotion is chosen, then a short tip for it is shown, in each language', () => {
    render(() => <EmotionPicker emotion="joy" intensity={null} disabled={false} onEmotion={() => {}} onIntensity={() => {}} />);
    expect(screen.getByTestId('emotion-tip').textContent).toBe(en.tip_joy);
    for (const emotion of EMOTIONS) expect(fr[`tip_${emotion}`]).toMatch(/^Astuce\u00a0:/);
  });
});

describe('stable controls', () => {
  it('when recording, then Stop takes the place where Record was, with the weight of a primary action', () => {
    const { unmount } = render(() => <RecordControls phase="idle" {...controls} />);
    expect(screen.getAllByRole('button')[0]?.textContent).toBe('Record');
    unmount();
    render(() => <RecordControls phase="recording" {...controls} />);
    const first = screen.getAllByRole('button')[0];
    expect(first?.textContent).toBe('Stop');
    expect(first?.classList.contains('primary-action')).toBe(true);
  });

  it('when the microphone test has stopped, then the speaker can hear it back', () => {
    render(() => <RecordControls phase="idle" {...controls} testUrl="blob:test" />);
    expect(screen.getByLabelText('Your test').getAttribute('src')).toBe('blob:test');
  });
});

describe('live feedback', () => {
  it('when the level meter shows, then it has a visible label and the counters sit in a closed details disclosure', () => {
    render(() => <LiveFeedback meter={quietMeter} progress={progress} localMode={false} recovered={false} />);
    expect(screen.getByRole('meter', { name: 'Input level' })).toBeTruthy();
    expect(screen.getByText('Input level', { selector: '.meter-label' })).toBeTruthy();
    const details = screen.getByTestId('chunks').closest('details');
    expect(details?.open).toBe(false);
  });

  it('when a take was completed after a reload, then the counters say what happened instead of 0 / 10', () => {
    render(() => <LiveFeedback meter={null} progress={progress} localMode={false} recovered={true} />);
    expect(screen.queryByText(/0 \/ 10/)).toBeNull();
    expect(screen.getByTestId('chunks').textContent).toBe(en.recoveredCounters);
  });
});

describe('refused microphone', () => {
  it('when the microphone is refused, then the status line says so and explains how to allow it', () => {
    render(() => <StatusLine phase="idle" progress={null} recovered={false} micProblem="errDenied" />);
    expect(screen.getByRole('status').textContent).toBe(en.statusMicBlocked);
    for (const browser of [/Chrome and Edge/, /Firefox/, /Safari/]) expect(screen.getByText(browser)).toBeTruthy();
  });
});

describe('the result card', () => {
  it('when a take is shown, then the deletion link is prefilled and the receipt is behind details', () => {
    render(() => <TakeResult result={{ takeId: 'id-1', receipt: 'rc 2', take: null, recovered: false }} token="x" saved={false} busy={false} onRedo={() => {}} onNext={() => {}} />);
    const link = screen.getByRole('link', { name: 'Delete this take' });
    expect(link.getAttribute('href')).toBe('/delete?takeId=id-1&receipt=rc+2');
    expect(screen.getByTestId('receipt').closest('details')?.open).toBe(false);
  });
});

describe('the deletion page and the 404 page', () => {
  it('when Delete is pressed, then the page asks to confirm before anything is sent', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    history.replaceState(null, '', '/delete?takeId=1b4e28ba-2fa1-11d2-883f-0016d3cca427&receipt=abc');
    render(() => <DeletePage />);
    expect((screen.getByLabelText('Take ID') as HTMLInputElement).value).toBe('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    expect(location.search).toBe(''); // the receipt does not stay in the address bar or the history
    fireEvent.click(screen.getByRole('button', { name: 'Delete this take' }));
    expect(screen.getByText(en.deleteConfirm)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Yes, delete it' })).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText(en.deleteConfirm)).toBeNull();
    fetchSpy.mockRestore();
  });

  it('when the address matches no page, then a 404 page with a heading is shown', () => {
    setLocale('fr');
    render(() => <NotFoundPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeTruthy();
    expect(screen.getByRole('link', { name: t('backToRecording') }).getAttribute('href')).toBe('/');
  });
});

describe('language', () => {
  it('when the speaker switches language, then the choice is remembered and ?lang= is dropped from the address', () => {
    history.replaceState(null, '', '/?lang=fr');
    setLocale('en');
    expect(localStorage.getItem('emovox.lang')).toBe('en');
    expect(location.search).toBe('');
  });
});
