import { createSignal, onCleanup } from 'solid-js';
import { locale, t } from '../../lib/i18n';
import { drawWaveform } from '../../lib/waveform';

/**
 * The saved take's waveform and one Play button that carries the take's one duration (a native
 * player would show a second one). `register` hands the toggle to the result's Space key.
 */
export function TakePlayer(props: { url: string; samples: Float32Array; seconds: number; register: (toggle: () => void) => void; onPlayed?: () => void }) {
  const [playing, setPlaying] = createSignal(false);
  let audio: HTMLAudioElement | undefined;
  const toggle = () => {
    if (!audio) return;
    if (audio.paused) void audio.play();
    else audio.pause();
  };
  props.register(toggle);
  onCleanup(() => audio?.pause());
  const label = () => {
    // 2.9 s in English, 2,9 s in French.
    const n = props.seconds > 0 ? new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(props.seconds) : '…';
    return playing() ? t('pauseTake', { n }) : t('playTake', { n });
  };
  return (
    <div class="player">
      <canvas
        class="waveform"
        data-testid="waveform"
        ref={(canvas) => queueMicrotask(() => drawWaveform(canvas, props.samples, getComputedStyle(canvas).color))}
      />
      <audio
        ref={audio}
        src={props.url}
        preload="auto"
        data-testid="take-audio"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          props.onPlayed?.();
        }}
      />
      <button type="button" class="play" data-testid="play-take" onClick={toggle}>
        <span class="triangle" aria-hidden="true" classList={{ pause: playing() }} />
        {label()}
      </button>
    </div>
  );
}
