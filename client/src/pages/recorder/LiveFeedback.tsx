import { Show } from 'solid-js';
import { t } from '../../lib/i18n';
import type { LevelFeedback } from '../../lib/level-meter';
import type { UploadProgress } from '../../state/take-uploader';

/** The labelled level meter with its warnings, whether the take is safe, and the transfer counters behind "Details". */
export function LiveFeedback(props: { meter: LevelFeedback | null; progress: UploadProgress | null; localMode: boolean; recovered: boolean }) {
  // -60 dBFS .. 0 dBFS mapped onto the bar.
  const percent = () => Math.max(0, Math.min(100, ((props.meter?.level().rmsDb ?? -100) + 60) * (100 / 60)));
  const allSafe = () => {
    const p = props.progress;
    return !!p && p.captured > 0 && p.unacked === 0;
  };
  return (
    <section class="card feedback" aria-label={t('level')} data-testid="feedback">
      <Show when={props.meter}>
        {(meter) => (
          <>
            <span class="meter-label" id="meter-label">
              {t('level')}
            </span>
            <div class="meter" role="meter" aria-labelledby="meter-label" aria-valuemin={-60} aria-valuemax={0} aria-valuenow={Math.round(meter().level().rmsDb)}>
              <div class="meter-fill" classList={{ hot: meter().clipping() }} style={{ width: `${percent()}%` }} />
            </div>
            <Show when={meter().clipping()}>
              <p class="warn">{t('clipping')}</p>
            </Show>
            <Show when={!meter().clipping() && meter().tooQuiet()}>
              <p class="warn">{t('tooQuiet')}</p>
            </Show>
          </>
        )}
      </Show>
      <Show when={props.localMode}>
        <p class="warn">{t('offlineMode')}</p>
      </Show>
      <Show when={props.progress}>
        {(p) => (
          <div class="counters">
            <span class="safe" classList={{ ok: allSafe() }} data-testid="safe">
              {allSafe() ? `✓ ${t('allSafe')}` : t('notYetSafe')}
            </span>
            <details class="details">
              <summary>{t('details')}</summary>
              {/* After a reload the page only resends what it kept, so sent / captured would read as 0 / N: say what happened. */}
              <Show
                when={!props.recovered}
                fallback={<span data-testid="chunks">{t('recoveredCounters')}</span>}
              >
                <span data-testid="chunks">
                  {t('chunksSent')}
                  {t('colon')}
                  <strong data-testid="chunks-sent">{p().sent}</strong> / {p().captured} · {t('chunksAcked')}
                  {t('colon')}
                  <strong data-testid="chunks-acked">{p().acked}</strong>
                </span>
              </Show>
            </details>
          </div>
        )}
      </Show>
    </section>
  );
}
