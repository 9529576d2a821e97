import { For, Show } from 'solid-js';
import { t } from '../../lib/i18n';
import { lt } from '../../lib/i18n/listen';
import { HEARD, INTENSITY_LEVELS, PROBLEMS, type Heard, type IntensityLevel, type Problem } from '../../lib/listen-types';
import type { Blocker, RatingDraft } from './rating-draft';

export interface RatingFormProps {
  draft: RatingDraft;
  blocker: Blocker | null;
  sending: boolean;
  /** The intensity keys as this keyboard prints them. */
  intensityKeys: string[];
  onEmotion: (emotion: Heard) => void;
  /** null: not said. */
  onIntensity: (level: IntensityLevel | null) => void;
  onProblem: (problem: Problem) => void;
  onSubmit: () => void;
}

const heardLabel = (heard: Heard) => (heard === 'other' ? lt('other') : t(heard));
/** The digit that picks it: 1–6 in the contract's order, 0 for "other". */
const digitOf = (index: number) => (index === 6 ? 0 : index + 1);

/** The answer: the emotion heard (required), its strength 1–5 (optional) and problems, then send. */
export function RatingForm(props: RatingFormProps) {
  return (
    <form
      class="card rating-form"
      aria-labelledby="heard-question"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <fieldset class="emotions" role="radiogroup" aria-labelledby="heard-question">
        <legend id="heard-question">{lt('heardQuestion')}</legend>
        <div class="chips">
          <For each={HEARD}>
            {(heard, index) => (
              <label class="chip" classList={{ selected: props.draft.emotion === heard }}>
                <input type="radio" name="heard" value={heard} checked={props.draft.emotion === heard} onChange={() => props.onEmotion(heard)} />
                <span>{heardLabel(heard)}</span>
                <kbd aria-hidden="true">{digitOf(index())}</kbd>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <fieldset class="intensity-scale">
        <legend>{lt('intensity')}</legend>
        <div class="chips">
          <For each={[null, ...INTENSITY_LEVELS] as (IntensityLevel | null)[]}>
            {(level, index) => (
              <label class="chip small" classList={{ selected: props.draft.intensity === level }}>
                <input
                  type="radio"
                  name="intensity"
                  checked={props.draft.intensity === level}
                  onChange={() => props.onIntensity(level)}
                  aria-label={level === null ? lt('intensityNotSaid') : lt('intensityLevel', { n: level })}
                />
                <span aria-hidden="true">
                  {level ?? lt('intensityNotSaid')}
                  <Show when={level === 1}> · {lt('intensityWeak')}</Show>
                  <Show when={level === 5}> · {lt('intensityStrong')}</Show>
                </span>
                <Show when={level !== null}>
                  <kbd aria-hidden="true">{props.intensityKeys[index() - 1]}</kbd>
                </Show>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <fieldset class="problems">
        <legend>{lt('problems')}</legend>
        <div class="chips">
          <For each={PROBLEMS}>
            {(problem) => (
              <label class="chip small" classList={{ selected: props.draft.problems.includes(problem) }}>
                <input type="checkbox" name="problem" value={problem} checked={props.draft.problems.includes(problem)} onChange={() => props.onProblem(problem)} />
                <span>{lt(`problem_${problem}`)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <div class="buttons submit-row">
        <button type="submit" class="primary" disabled={props.blocker !== null || props.sending} aria-describedby="submit-why" data-testid="submit-rating">
          {props.sending ? lt('sending') : lt('submit')} <kbd aria-hidden="true">↵</kbd>
        </button>
        <p id="submit-why" class="hint" data-testid="submit-why">
          {props.blocker === 'notHeard' ? lt('listenFirst') : props.blocker === 'noEmotion' ? lt('pickEmotion') : ''}
        </p>
      </div>
    </form>
  );
}
