import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { ReviewState, TakeJson } from '@emovox/server/protocol';
import { locale, t } from '../../../lib/i18n';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { decodeWavPcm16, drawWaveform } from '../../../lib/waveform';
import { formatDateTime, formatNumber, shortId } from '../format';
import { loadErrorText } from '../error-text';
import { DeleteTake } from './DeleteTake';
import { EdgeFacts, EdgeMarks } from './TakeEdges';
import { PerceptionPanel } from './PerceptionPanel';
import { RedoButton } from '../RedoRequest';

export interface TakeDetailProps {
  take: TakeJson;
  sentenceText: string | null;
  note: string;
  onNote: (note: string) => void;
  busy: boolean;
  /** What the last review did (or why it failed), read out politely. */
  notice: { ok: boolean; text: string } | null;
  onReview: (review: ReviewState) => void;
  /** Called once the supervisor has confirmed the deletion. */
  onDelete: () => void;
  /** Opens another take (the one this re-records, or the one that replaced it). */
  onOpen: (takeId: string) => void;
  /** A redo request was sent: the take came back rejected with its reason. */
  onRedone?: (take: TakeJson) => void;
  /** Hands the page a play/pause toggle for the space key. */
  registerPlayer: (toggle: (() => void) | null) => void;
  /** Playback rate, kept by the page from one take to the next. */
  speed: number;
  onSpeed: (speed: number) => void;
  /** Narrows the list to this take's speaker or sentence. */
  onFilter: (filter: { speakerId: string } | { sentenceId: string }) => void;
  /** Marks the take gold, or no longer gold. */
  onGold: () => void;
}

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

/** One take: waveform and playback from its WAV, quality in plain words, accept or reject with a note. */
/** A take this one is linked to by a re-record, opened in review with one click. */
function LinkedTake(props: { label: string; takeId: string | null; testId: string; onOpen: (takeId: string) => void }) {
  return (
    <Show when={props.takeId}>
      {(id) => (
        <>
          <dt>{props.label}</dt>
          <dd>
            <button type="button" class="link" data-testid={props.testId} onClick={() => props.onOpen(id())}>
              <code>{shortId(id())}</code>
            </button>
          </dd>
        </>
      )}
    </Show>
  );
}

export function TakeDetail(props: TakeDetailProps) {
  const [wav] = createResource(
    () => (props.take.state === 'saved' ? props.take.takeId : null),
    async (takeId) => {
      const buffer = await supervisorApi.takeWav(takeId);
      return { takeId, url: URL.createObjectURL(new Blob([buffer], { type: 'audio/wav' })), samples: decodeWavPcm16(buffer).samples };
    },
  );
  // Each Blob URL is released when the next take's replaces it, or when the page goes.
  createEffect(() => {
    const current = wav();
    if (current) onCleanup(() => URL.revokeObjectURL(current.url));
  });

  let audio: HTMLAudioElement | undefined;
  const [playing, setPlaying] = createSignal(false);
  const [progress, setProgress] = createSignal(0);
  const toggle = () => {
    if (!audio || !wav()) return;
    if (audio.paused) void audio.play().catch(() => setPlaying(false));
    else audio.pause();
  };
  props.registerPlayer(toggle);
  // Set again once the audio is there: a new source resets the element's rate.
  createEffect(() => {
    const speed = props.speed;
    if (wav() && audio) {
      audio.defaultPlaybackRate = speed;
      audio.playbackRate = speed;
    }
  });
  onCleanup(() => props.registerPlayer(null));

  const quality = () => props.take.quality;
  const db = (value: number | null | undefined) => (value === null || value === undefined ? '–' : st('dbfs', { n: formatNumber(value, 1) }));

  return (
    <section class="card take-detail" aria-labelledby="take-title" data-testid="take-detail" data-take={props.take.takeId}>
      <h2 id="take-title">
        {st('take')} · <code>{shortId(props.take.takeId)}</code>
      </h2>
      <p class="detail-sentence">{props.sentenceText ?? st('sentenceUnknown', { id: shortId(props.take.sentenceId) })}</p>
      <p class="session-meta">
        <span class="tag emotion">{t(props.take.emotion)}</span>
        <Show when={props.take.intensity}>{(level) => <span class="tag">{t(level())}</span>}</Show>
        <span class={`state state-${props.take.state}`}>{st(`state_${props.take.state}`)}</span>
        <span class={`review review-${props.take.review}`} data-testid="review-state">
          {st(`review_${props.take.review}`)}
        </span>
        <span class="tag">{st(`locale_${props.take.locale ?? 'unknown'}`)}</span>
        <button type="button" class="link" onClick={() => props.onFilter({ sentenceId: props.take.sentenceId })}>
          {st('onlyThisSentence')}
        </button>
      </p>

      <Show when={props.take.state === 'saved'} fallback={<p class="muted">{st('audioUnavailable', { state: st(`state_${props.take.state}`) })}</p>}>
        <Show when={wav()} fallback={<p class="muted" role="status">{wav.error ? loadErrorText(wav.error) : st('audioLoading')}</p>}>
          {(loaded) => (
            <div class="player">
              <div class="wave-wrap">
                <canvas
                  class="waveform"
                  data-testid="waveform"
                  role="img"
                  aria-label={st('waveform')}
                  ref={(canvas) => queueMicrotask(() => drawWaveform(canvas, loaded().samples, getComputedStyle(canvas).color))}
                />
                <div class="playhead" style={{ left: `${progress() * 100}%` }} aria-hidden="true" />
                <EdgeMarks take={props.take} />
              </div>
              <div class="buttons">
                <button type="button" class="primary" onClick={toggle} data-testid="play">
                  <span aria-hidden="true">{playing() ? '❚❚' : '▶'}</span> {playing() ? st('pauseAudio') : st('play')}
                </button>
                <label class="speed">
                  {st('playbackSpeed')}
                  <select value={String(props.speed)} onChange={(e) => props.onSpeed(Number(e.currentTarget.value))} data-testid="speed">
                    <For each={SPEEDS}>{(speed) => <option value={String(speed)}>{`${new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(speed)}×`}</option>}</For>
                  </select>
                </label>
                {/* No native controls: the Play button and the waveform's playhead are the one player. */}
                <audio
                  ref={audio}
                  src={loaded().url}
                  preload="auto"
                  data-testid="audio"
                  onPlay={() => setPlaying(true)}
                  onPause={() => setPlaying(false)}
                  onEnded={() => setPlaying(false)}
                  onTimeUpdate={(e) => setProgress(e.currentTarget.duration ? e.currentTarget.currentTime / e.currentTarget.duration : 0)}
                />
              </div>
            </div>
          )}
        </Show>
      </Show>

      <PerceptionPanel take={props.take} busy={props.busy} onGold={props.onGold} />

      <h3>{st('flagsTitle')}</h3>
      <Show when={(quality()?.flags.length ?? 0) > 0} fallback={<p class="good">{st('flagsNone')}</p>}>
        <ul class="flags">
          <For each={quality()?.flags ?? []}>{(flag) => <li>{st(`flag_${flag}`)}</li>}</For>
        </ul>
      </Show>
      <dl class="facts">
        <dt>{st('duration')}</dt>
        <dd>{props.take.durationMs === null ? '–' : st('seconds', { n: formatNumber(props.take.durationMs / 1000, 1) })}</dd>
        <EdgeFacts take={props.take} />
        <dt>{st('loudness')}</dt>
        <dd>
          RMS {db(quality()?.rmsDbfs)} · {st('peak')} {db(quality()?.peakDbfs)}
        </dd>
        <dt>{st('recordedAt')}</dt>
        <dd>{formatDateTime(props.take.createdAt)}</dd>
        <dt>{st('speaker')}</dt>
        <dd>
          <code>{shortId(props.take.speakerId)}</code>{' '}
          <button type="button" class="link" onClick={() => props.onFilter({ speakerId: props.take.speakerId })}>
            {st('onlyThisSpeaker')}
          </button>
        </dd>
        <LinkedTake label={st('replaces')} takeId={props.take.replaces} testId="replaces" onOpen={props.onOpen} />
        <LinkedTake label={st('replacedBy')} takeId={props.take.replacedBy} testId="replaced-by" onOpen={props.onOpen} />
      </dl>

      <label class="note">
        {st('note')}
        <textarea rows={2} maxLength={2000} value={props.note} onInput={(e) => props.onNote(e.currentTarget.value)} />
      </label>
      <div class="buttons review-buttons">
        <button type="button" class="accept" disabled={props.busy} onClick={() => props.onReview('accepted')}>
          <span aria-hidden="true">✓</span> {st('accept')} <kbd aria-hidden="true">a</kbd>
        </button>
        <button type="button" class="reject" disabled={props.busy} onClick={() => props.onReview('rejected')}>
          <span aria-hidden="true">✕</span> {st('reject')} <kbd aria-hidden="true">r</kbd>
        </button>
      </div>
      <Show when={props.take.state === 'saved'}>
        <p>
          <RedoButton takeId={props.take.takeId} onSent={(take) => props.onRedone?.(take)} />
        </p>
      </Show>
      <p class="review-notice" classList={{ failed: props.notice?.ok === false }} role="status" aria-live="polite">
        {props.notice?.text ?? ''}
      </p>
      <DeleteTake busy={props.busy} onDelete={props.onDelete} />
    </section>
  );
}
