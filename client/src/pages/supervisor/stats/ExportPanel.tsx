import { createSignal, For, Show } from 'solid-js';
import { REVIEW_STATES, type ReviewState } from '@emovox/server/protocol';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';

/** Downloads GET /export with the Bearer header (a plain link could not carry it). */
export function ExportPanel() {
  const [review, setReview] = createSignal<ReviewState | ''>('accepted');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { bytes, fileName } = await supervisorApi.exportDataset(review() || null);
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/gzip' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      setError(st('errorLoading', { message: failure instanceof Error ? failure.message : String(failure) }));
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
            <option value="">{st('any')}</option>
            <For each={REVIEW_STATES}>{(value) => <option value={value}>{st(`review_${value}`)}</option>}</For>
          </select>
        </label>
        <button type="button" class="primary" disabled={busy()} onClick={() => void download()}>
          {busy() ? st('exporting') : st('exportButton')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        <Show when={error()}>{(text) => <p class="alert">{text()}</p>}</Show>
      </div>
    </section>
  );
}
