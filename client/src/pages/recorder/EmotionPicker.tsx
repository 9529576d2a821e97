import { For, Show } from 'solid-js';
import { EMOTIONS, INTENSITIES, type Emotion, type Intensity } from '@emovox/server/protocol';
import { t } from '../../lib/i18n';

export function EmotionPicker(props: {
  emotion: Emotion | null;
  intensity: Intensity | null;
  disabled: boolean;
  onEmotion: (emotion: Emotion) => void;
  onIntensity: (intensity: Intensity | null) => void;
}) {
  return (
    <section class="card">
      <fieldset class="emotions" disabled={props.disabled}>
        <legend>{t('emotion')}</legend>
        <div class="chips">
          <For each={EMOTIONS}>
            {(emotion, index) => (
              <label class="chip" classList={{ selected: props.emotion === emotion }}>
                <input
                  type="radio"
                  name="emotion"
                  value={emotion}
                  aria-label={t(emotion)}
                  checked={props.emotion === emotion}
                  onChange={() => props.onEmotion(emotion)}
                />
                <span>{t(emotion)}</span>
                <kbd aria-hidden="true">{index() + 1}</kbd>
              </label>
            )}
          </For>
        </div>
        <Show when={props.emotion}>
          {(emotion) => (
            <p class="hint tip" data-testid="emotion-tip">
              {t(`tip_${emotion()}`)}
            </p>
          )}
        </Show>
      </fieldset>
      <fieldset class="intensity" disabled={props.disabled}>
        <legend>{t('intensity')}</legend>
        <div class="chips">
          <For each={[null, ...INTENSITIES] as (Intensity | null)[]}>
            {(intensity) => (
              <label class="chip small" classList={{ selected: props.intensity === intensity }}>
                <input
                  type="radio"
                  name="intensity"
                  checked={props.intensity === intensity}
                  onChange={() => props.onIntensity(intensity)}
                />
                <span>{intensity ? t(intensity) : t('intensityNone')}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
    </section>
  );
}
