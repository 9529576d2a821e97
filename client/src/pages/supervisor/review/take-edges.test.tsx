import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../../lib/i18n';
import { takeJson } from '../../../test-support/take-json';
import { EdgeFacts, EdgeMarks } from './TakeEdges';

describe('a take\'s edges in review', () => {
  it('when the take has marks and edge silences, then they are drawn over the waveform and given in numbers, in French too', () => {
    setLocale('en');
    const take = takeJson('t1', {
      durationMs: 5_000,
      speakAtMs: 500,
      stopPressedAtMs: 4_500,
      quality: { rmsDbfs: -20, peakDbfs: -3, clippedRatio: 0, silenceRatio: 0.2, flags: [], leadingSilenceMs: 620, trailingSilenceMs: 740 },
    });
    render(() => (
      <div>
        <EdgeMarks take={take} />
        <dl>
          <EdgeFacts take={take} />
        </dl>
      </div>
    ));
    expect(screen.getByTestId('mark-speak').style.left).toBe('10%');
    expect(screen.getByTestId('mark-stop').style.left).toBe('90%');
    expect(screen.getByTestId('marks').textContent).toBe('“speak now” at 0.50 s, Stop pressed at 4.50 s');
    expect(screen.getByTestId('edge-silence').textContent).toBe('0.62 s before, 0.74 s after');
    setLocale('fr');
    expect(screen.getByTestId('edge-silence').textContent).toBe('0,62 s avant, 0,74 s après');
    setLocale('en');
  });

  it('when a take has no marks (an older recorder), then nothing is drawn and the numbers say unknown', () => {
    setLocale('en');
    const take = takeJson('t2', { durationMs: 5_000 });
    render(() => (
      <div>
        <EdgeMarks take={take} />
        <dl>
          <EdgeFacts take={take} />
        </dl>
      </div>
    ));
    expect(screen.queryByTestId('mark-speak')).toBeNull();
    expect(screen.getByTestId('marks').textContent).toBe('“speak now” at –, Stop pressed at –');
  });
});
