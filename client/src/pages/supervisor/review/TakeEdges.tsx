import { Show } from 'solid-js';
import type { TakeJson } from '@emovox/server/protocol';
import { st } from '../../../lib/i18n/supervisor';
import { formatNumber } from '../format';

// A take's edges in review: where the recorder said "speak now" and where Stop was pressed (the pre-roll and
// post-roll marks), and the silence the server measured before and after the speech.

const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : st('seconds', { n: formatNumber(ms / 1000, 2) }));

/** The two marks drawn over the waveform, as a share of the take's length. */
export function EdgeMarks(props: { take: TakeJson }) {
  const at = (ms: number | null) => (ms !== null && props.take.durationMs ? Math.min(100, (ms / props.take.durationMs) * 100) : null);
  return (
    <>
      <Show when={at(props.take.speakAtMs)}>{(left) => <div class="edge-mark speak" style={{ left: `${left()}%` }} aria-hidden="true" data-testid="mark-speak" />}</Show>
      <Show when={at(props.take.stopPressedAtMs)}>{(left) => <div class="edge-mark stop" style={{ left: `${left()}%` }} aria-hidden="true" data-testid="mark-stop" />}</Show>
    </>
  );
}

/** The same, in words and numbers, inside the take's facts list. */
export function EdgeFacts(props: { take: TakeJson }) {
  return (
    <>
      <dt>{st('marksTitle')}</dt>
      <dd data-testid="marks">{st('marksValue', { speak: seconds(props.take.speakAtMs), stop: seconds(props.take.stopPressedAtMs) })}</dd>
      <dt>{st('edgeSilenceTitle')}</dt>
      <dd data-testid="edge-silence">
        {st('edgeSilenceValue', { before: seconds(props.take.quality?.leadingSilenceMs), after: seconds(props.take.quality?.trailingSilenceMs) })}
      </dd>
    </>
  );
}
