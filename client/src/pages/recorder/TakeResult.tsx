import { createEffect, createResource, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { QualityFlag } from '@emovox/server/protocol';
import { fetchTakeWav } from '../../lib/api';
import { t, type MessageKey } from '../../lib/i18n';
import { ct } from '../../lib/i18n/campaign';
import { decodeWavPcm16 } from '../../lib/waveform';
import { onWindowKeys } from '../../lib/window-keys';
import type { FinishedTake } from './create-take-flow';
import { TakeDetails } from './TakeDetails';
import { TakePlayer } from './TakePlayer';

export function adviceKeys(flags: readonly QualityFlag[]): MessageKey[] {
  return flags.length === 0 ? ['adviceGood'] : flags.map((flag) => `advice_${flag}` as MessageKey);
}

/** The deletion page, prefilled with this take (the page then takes the receipt out of the address). */
export function deleteLink(takeId: string, receipt: string): string {
  return `/delete?${new URLSearchParams({ takeId, receipt }).toString()}`;
}

/** Keys of the loop after a take; text fields keep theirs, and a focused control keeps Enter. */
function resultKey(event: KeyboardEvent): 'next' | 'redo' | 'play' | null {
  const target = event.target as HTMLElement | null;
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  if (target?.closest('input[type="text"], input:not([type]), textarea, select, [contenteditable="true"]')) return null;
  if (event.key === 'n' || event.key === 'N') return 'next';
  if (event.key === 'Enter' && !target?.closest('button, a, summary')) return 'next';
  if (event.key === 'r' || event.key === 'R') return 'redo';
  if (event.code === 'Space' || event.key === ' ') return 'play';
  return null;
}

/** The saved take: advice, playback from the server's WAV, the loop's buttons, then receipt and deletion link. */
export interface TakeResultProps {
  result: FinishedTake;
  token: string;
  saved: boolean;
  busy: boolean;
  onRedo: () => void;
  onNext: () => void;
  /** Listen-back (a campaign's setting): Next waits until the take was played to its end. */
  listenBack?: boolean;
  /** Next's label in a guided session. */
  nextLabel?: string;
}

export function TakeResult(props: TakeResultProps) {
  const [played, setPlayed] = createSignal(false);
  const nextLocked = () => !!props.listenBack && props.saved && !played();
  const [wav] = createResource(
    () => (props.saved ? props.result.takeId : null),
    async (takeId) => {
      const buffer = await fetchTakeWav(takeId, props.token);
      const url = URL.createObjectURL(new Blob([buffer], { type: 'audio/wav' }));
      onCleanup(() => URL.revokeObjectURL(url));
      return { url, samples: decodeWavPcm16(buffer).samples };
    },
  );
  const flags = () => props.result.take?.quality?.flags ?? [];
  const seconds = () => (props.result.take?.durationMs ?? 0) / 1000;
  let togglePlay: (() => void) | null = null;

  // Focus moves to the result, so the keys below and a screen reader start from it; on a phone it scrolls into view.
  let section: HTMLElement | undefined;
  const bringIntoView = () => section?.scrollIntoView?.({ block: 'nearest' }); // absent in jsdom
  onMount(() => {
    section?.focus({ preventScroll: true });
    bringIntoView();
  });
  // The player arrives a moment later and pushes Next down: keep the whole result in view while the speaker is on it.
  createEffect(on(wav, (audio) => audio && section?.contains(document.activeElement) && queueMicrotask(bringIntoView), { defer: true }));

  const onKey = (event: KeyboardEvent) => {
    const action = props.busy ? null : resultKey(event);
    if (!action) return;
    event.preventDefault();
    if (action === 'next') {
      if (!nextLocked()) props.onNext();
    } else if (action === 'redo') props.onRedo();
    else togglePlay?.();
  };
  onWindowKeys({ keydown: onKey });

  return (
    <section ref={section} class="card result" tabindex="-1" aria-labelledby="result-title" data-testid="result">
      <h2 id="result-title">{t('resultTitle')}</h2>
      <Show when={props.result.take}>
        <ul class="advice">
          <For each={adviceKeys(flags())}>{(key) => <li classList={{ good: key === 'adviceGood' }}>{t(key)}</li>}</For>
        </ul>
      </Show>
      <Show when={wav()}>
        {(audio) => <TakePlayer url={audio().url} samples={audio().samples} seconds={seconds()} register={(toggle) => (togglePlay = toggle)} onPlayed={() => setPlayed(true)} />}
      </Show>
      <div class="buttons">
        <button type="button" onClick={() => props.onRedo()} disabled={props.busy}>
          {t('reRecord')}
        </button>
        <button type="button" class="primary" onClick={() => props.onNext()} disabled={props.busy || nextLocked()} data-testid="next">
          {props.nextLabel ?? t('next')}
        </button>
      </div>
      <Show when={nextLocked()}>
        <p class="hint" role="status" data-testid="listen-first">{ct('listenFirst')}</p>
      </Show>
      <p class="hint keys-hint">{t('loopHint')}</p>
      <Show when={props.saved}>
        <p class="hint" data-testid="re-record-keeps">{t('reRecordKeeps')}</p>
      </Show>
      <p class="hint">
        {t('deleteHint')} <a href={deleteLink(props.result.takeId, props.result.receipt)}>{t('deleteThisTake')}</a>
      </p>
      <TakeDetails takeId={props.result.takeId} receipt={props.result.receipt} />
    </section>
  );
}
