import { Show } from 'solid-js';
import { lp } from '../../../lib/i18n/perception';
import { HEARD, PROBLEMS, type PerceivedTake, type Perception } from '../../../lib/listen-types';
import { formatNumber } from '../format';
import { MiniBars } from '../MiniBars';
import { formatShare, heardName } from '../perception-format';

/** The votes as small bars, the intended emotion's row marked. */
export function VotesChart(props: { votes: Perception['votes']; intended: string }) {
  const max = () => Math.max(1, ...HEARD.map((heard) => props.votes[heard] ?? 0));
  const bars = () =>
    HEARD.map((heard) => ({
      key: heard,
      label: heardName(heard),
      fraction: (props.votes[heard] ?? 0) / max(),
      text: String(props.votes[heard] ?? 0),
      highlight: heard === props.intended,
    }));
  return <MiniBars caption={lp('votes')} bars={bars()} testId="votes" />;
}

/** Perception next to intention: perceived emotion, agreement, mean intensity, problems and votes; gold on and off. */
export function PerceptionPanel(props: { take: PerceivedTake; busy: boolean; onGold: () => void }) {
  const perception = () => props.take.perception ?? null;
  const problems = (p: Perception) =>
    PROBLEMS.filter((key) => (p.problems[key] ?? 0) > 0)
      .map((key) => `${lp(`problem_${key}`)} ${p.problems[key]}`)
      .join(', ');
  return (
    <section class="perception" aria-labelledby="perception-title" data-testid="perception">
      <h3 id="perception-title">
        {lp('perceptionTitle')}
        <Show when={props.take.gold}>
          {' '}
          <span class="tag gold" title={lp('goldTitle')} data-testid="gold-badge">
            ★ {lp('gold')}
          </span>
        </Show>
      </h3>
      <Show when={perception()} fallback={<p class="muted">{lp('perceptionNone')}</p>}>
        {(p) => (
          <div class="perception-body">
            <dl class="facts">
              <dt>{lp('intended')}</dt>
              <dd>{heardName(props.take.emotion)}</dd>
              <dt>{lp('perceived')}</dt>
              <dd data-testid="perceived">
                <Show when={p().perceivedEmotion} fallback={lp('tie')}>
                  {(heard) => (
                    <>
                      <strong>{heardName(heard())}</strong>{' '}
                      <span class={p().intendedMatch ? 'good' : 'muted'}>
                        {p().intendedMatch ? `✓ ${lp('matches')}` : `≠ ${lp('differs')}`}
                      </span>
                    </>
                  )}
                </Show>
              </dd>
              <dt>{lp('agreement')}</dt>
              <dd data-testid="agreement">{lp('agreementOf', { pct: formatShare(p().agreement), n: p().ratings ?? 0 })}</dd>
              <dt>{lp('meanIntensity')}</dt>
              <dd>{p().meanIntensity === null ? '–' : lp('outOfFive', { n: formatNumber(p().meanIntensity!, 1) })}</dd>
              <dt>{lp('problemsReported')}</dt>
              <dd>{problems(p()) || lp('problemsNone')}</dd>
            </dl>
            <VotesChart votes={p().votes} intended={props.take.emotion} />
          </div>
        )}
      </Show>
      <button type="button" class="gold-toggle" aria-pressed={props.take.gold ? 'true' : 'false'} disabled={props.busy} onClick={() => props.onGold()} data-testid="gold-toggle">
        <span aria-hidden="true">★</span> {props.take.gold ? lp('unmarkGold') : lp('markGold')} <kbd aria-hidden="true">g</kbd>
      </button>
    </section>
  );
}

/** The list row's short form: gold, and what listeners heard with the agreement. */
export function PerceptionTags(props: { take: PerceivedTake }) {
  return (
    <>
      <Show when={props.take.gold}>
        <span class="tag gold" title={lp('goldTitle')}>
          ★ {lp('gold')}
        </span>
      </Show>
      <Show when={props.take.perception?.perceivedEmotion}>
        {(heard) => (
          <span class="tag perceived" classList={{ mismatch: props.take.perception?.intendedMatch === false }}>
            {lp('rowPerceived', { emotion: heardName(heard()), pct: formatShare(props.take.perception?.agreement) })}
          </span>
        )}
      </Show>
    </>
  );
}
