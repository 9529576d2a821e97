import { createResource, createSignal, For, Show } from 'solid-js';
import { EXPORT_FORMATS, REVIEW_STATES, type ExportFormat, type ReviewState } from '@emovox/server/protocol';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { lp } from '../../../lib/i18n/perception';
import { errorText } from '../error-text';
import { AGREEMENT_STEPS, formatShare } from '../perception-format';
import { formatNumber } from '../format';
import { audioText } from './audio-text';

/**
 * The dataset export: what the chosen filter holds (takes, audio) before anything is downloaded, then a
 * one-minute link that the browser's own download manager streams to disk.
 */
export function ExportPanel() {
  const [review, setReview] = createSignal<ReviewState | ''>('accepted');
  const [minAgreement, setMinAgreement] = createSignal('');
  const [heardAsIntended, setHeardAsIntended] = createSignal(false);
  const [format, setFormat] = createSignal<ExportFormat>('csv');
  const choice = () => ({ review: review() || null, minAgreement: minAgreement() || null, perceivedMatchesIntended: heardAsIntended() });
  const [preview] = createResource(choice, (chosen) => supervisorApi.exportPreview(chosen));
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<{ ok: boolean; text: string } | null>(null);

  const download = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const url = await supervisorApi.exportLink({ ...choice(), format: format() });
      const link = Object.assign(document.createElement('a'), { href: url, download: '' });
      document.body.append(link);
      link.click();
      link.remove();
      setOutcome({ ok: true, text: st('exportStarted') });
    } catch (failure) {
      setOutcome({ ok: false, text: errorText(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card export" aria-labelledby="export-title">
      <h2 id="export-title">{st('exportTitle')}</h2>
      <p class="muted">{st('exportHint')}</p>
      <div class="form-row">
        <label>
          {st('filterReview')}
          <select value={review()} onChange={(e) => setReview(e.currentTarget.value as ReviewState | '')}>
            <option value="">{st('anyFeminine')}</option>
            <For each={REVIEW_STATES}>{(value) => <option value={value}>{st(`review_${value}`)}</option>}</For>
          </select>
        </label>
        <label>
          {lp('filterAgreement')}
          <select value={minAgreement()} onChange={(e) => setMinAgreement(e.currentTarget.value)}>
            <option value="">{st('anyFeminine')}</option>
            <For each={AGREEMENT_STEPS}>{(step) => <option value={step}>{formatShare(Number(step))}</option>}</For>
          </select>
        </label>
        <label>
          {st('exportFormat')}
          <select value={format()} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
            <For each={EXPORT_FORMATS}>{(value) => <option value={value}>{st(`exportFormat_${value}`)}</option>}</For>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={heardAsIntended()} onChange={(e) => setHeardAsIntended(e.currentTarget.checked)} />
          {lp('exportHeardAsIntended')}
        </label>
        <button type="button" class="primary" disabled={busy() || preview()?.takes === 0} onClick={() => void download()}>
          {busy() ? st('exporting') : st('exportButton')}
        </button>
      </div>
      <p class="export-preview" data-testid="export-preview" aria-live="polite">
        {preview.loading
          ? st('exportCounting')
          : preview.error
            ? errorText(preview.error)
            : preview()
              ? st('exportPreview', { takes: formatNumber(preview()!.takes), audio: audioText(preview()!.seconds) })
              : ''}
      </p>
      <div role="status" aria-live="polite">
        <Show when={outcome()}>{(said) => <p class={said().ok ? 'success' : 'alert'}>{said().text}</p>}</Show>
      </div>
    </section>
  );
}
