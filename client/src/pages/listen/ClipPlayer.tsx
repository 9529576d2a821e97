import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { lt } from '../../lib/i18n/listen';

export interface ClipPlayerProps {
  /** A Blob URL of the clip's WAV. */
  url: string;
  heardToEnd: boolean;
  /** Playback started from the beginning (a first play or a replay; resuming after a pause is not one). */
  onPlayFromStart: () => void;
  onEnded: () => void;
  /** The browser could not play the clip. */
  onError: () => void;
  /** Hands the page "play from the start", for the Space key. */
  registerReplay: (replay: (() => void) | null) => void;
  /** Try to start at once (after an answer, the listener is already in the flow); a refused autoplay is fine. */
  autoplay: boolean;
}

/** Play, pause and replay one clip, with a progress bar; no seeking, so "heard to the end" means heard. */
export function ClipPlayer(props: ClipPlayerProps) {
  let audio: HTMLAudioElement | undefined;
  const [playing, setPlaying] = createSignal(false);
  const [progress, setProgress] = createSignal(0);

  const start = (fromStart: boolean) => {
    if (!audio) return;
    if (fromStart) audio.currentTime = 0;
    try {
      // jsdom and a refused autoplay: nothing plays, and the button stays there to try again.
      void audio.play()?.catch(() => setPlaying(false));
    } catch {
      setPlaying(false);
    }
  };
  const replay = () => start(true);
  const toggle = () => {
    if (!audio) return;
    if (!audio.paused && !audio.ended) return audio.pause();
    start(audio.ended);
  };
  props.registerReplay(replay);
  onCleanup(() => props.registerReplay(null));
  onMount(() => {
    if (props.autoplay) start(true);
  });

  return (
    <div class="clip-player" data-testid="clip-player">
      <div class="buttons">
        <button type="button" class="primary" onClick={toggle} data-testid="play-clip">
          <span aria-hidden="true">{playing() ? '❚❚' : '▶'}</span> {playing() ? lt('pause') : progress() > 0 ? lt('replay') : lt('play')}{' '}
          <kbd aria-hidden="true">␣</kbd>
        </button>
        <progress class="clip-progress" max={1} value={progress()} aria-label={lt('clipProgress')} data-testid="clip-progress" />
      </div>
      <p class="hint" classList={{ good: props.heardToEnd }} data-testid="heard-state">
        <Show when={props.heardToEnd} fallback={playing() ? lt('playing') : lt('listenFirst')}>
          {lt('heardAll')}
        </Show>
      </p>
      <audio
        ref={audio}
        src={props.url}
        preload="auto"
        data-testid="clip-audio"
        onPlay={(e) => {
          setPlaying(true);
          if (e.currentTarget.currentTime < 0.05) props.onPlayFromStart();
        }}
        onPause={() => setPlaying(false)}
        onError={() => {
          setPlaying(false);
          props.onError();
        }}
        onEnded={() => {
          setPlaying(false);
          setProgress(1);
          props.onEnded();
        }}
        onTimeUpdate={(e) => {
          const { currentTime, duration } = e.currentTarget;
          if (duration > 0 && Number.isFinite(duration)) setProgress(Math.min(1, currentTime / duration));
        }}
      />
    </div>
  );
}
