import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { QualityFlag } from '@emovox/server/protocol';
import { fetchTakeWav } from '../../lib/api';
import { t, type MessageKey } from '../../lib/i18n';
import { decodeWavPcm16, drawWaveform } from '../../lib/waveform';
import type { FinishedTake } from './create-take-flow';

export function adviceKeys(flags: readonly QualityFlag[]): MessageKey[] {
  return flags.length === 0 ? ['adviceGood'] : flags.map((flag) => `advice_${flag}` as MessageKey);
}

/** The saved take: advice, waveform and playback from the server's WAV, receipt and take ID. */
export function TakeResult(props: { result: FinishedTake; token: string; saved: boolean; busy: boolean; onRedo: () => void; onNext: () => void }) {
  const [wav] = createResource(
    () => (props.saved ? props.result.takeId : null),
    async (takeId) => {
      const buffer = await fetchTakeWav(takeId, props.token);
      const url = URL.createObjectURL(new Blob([buffer], { type: 'audio/wav' }));
      onCleanup(() => URL.revokeObjectURL(url));
      return { url, samples: decodeWavPcm16(buffer).samples };
    },
  );
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(`${t('takeId')}: ${props.result.takeId}\n${t('receipt')}: ${props.result.receipt}`);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  const flags = () => props.result.take?.quality?.flags ?? [];
  const seconds = () => (props.result.take?.durationMs ?? 0) / 1000;

  return (
    <section class="card result" aria-labelledby="result-title">
      <h2 id="result-title">{t('resultTitle')}</h2>
      <Show when={props.result.take}>
        <ul class="advice">
          <For each={adviceKeys(flags())}>{(key) => <li classList={{ good: key === 'adviceGood' }}>{t(key)}</li>}</For>
        </ul>
      </Show>
      <Show when={wav()}>
        {(audio) => (
          <>
            <canvas
              class="waveform"
              data-testid="waveform"
              ref={(canvas) => queueMicrotask(() => drawWaveform(canvas, audio().samples, getComputedStyle(canvas).color))}
            />
            <audio controls src={audio().url} aria-label={t('play')} />
            <Show when={seconds() > 0}>
              <p class="muted">{t('durationSeconds', { n: seconds().toFixed(1) })}</p>
            </Show>
          </>
        )}
      </Show>
      <dl class="receipt">
        <dt>{t('takeId')}</dt>
        <dd>
          <code data-testid="take-id">{props.result.takeId}</code>
        </dd>
        <dt>{t('receipt')}</dt>
        <dd>
          <code data-testid="receipt">{props.result.receipt}</code>
        </dd>
      </dl>
      <p class="hint">
        {t('deleteHint')} <a href="/delete">{t('goDelete')}</a>
      </p>
      <Show when={props.saved}>
        <p class="hint" data-testid="re-record-keeps">{t('reRecordKeeps')}</p>
      </Show>
      <div class="buttons">
        <button type="button" onClick={() => void copy()}>
          {copied() ? t('copied') : t('copy')}
        </button>
        <button type="button" onClick={() => props.onRedo()} disabled={props.busy}>
          {t('reRecord')}
        </button>
        <button type="button" class="primary" onClick={() => props.onNext()} disabled={props.busy}>
          {t('next')}
        </button>
      </div>
    </section>
  );
}
