import { createSignal, For, Show } from 'solid-js';
import { LOCALES, type Locale } from '@emovox/server/protocol';
import { ApiError } from '../../../lib/api';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { sentencesFromText } from './import-lines';

/** Imports a text file, one sentence per line, in the chosen locale; the same text twice is skipped. */
export function SentenceImport(props: { defaultLocale: Locale; onDone: () => void }) {
  const [locale, setLocale] = createSignal<Locale>(props.defaultLocale);
  const [file, setFile] = createSignal<File | null>(null);
  const [progress, setProgress] = createSignal<string | null>(null);

  const run = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = file();
    if (!chosen) return;
    const lines = sentencesFromText(await chosen.text());
    if (lines.length === 0) return void setProgress(st('importEmpty'));
    let added = 0;
    let skipped = 0;
    let failed = 0;
    // One at a time: the server's duplicate check (409) is per sentence, and order is kept.
    for (const [index, text] of lines.entries()) {
      setProgress(st('importing', { done: index + 1, total: lines.length }));
      try {
        await supervisorApi.createSentence(text, locale());
        added++;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) skipped++;
        else if (error instanceof ApiError && error.status === 401) return;
        else failed++;
      }
    }
    setProgress(st('importDone', { added, skipped, failed }));
    props.onDone();
  };

  return (
    <form class="card import" onSubmit={(e) => void run(e)} aria-labelledby="import-title">
      <h2 id="import-title">{st('importTitle')}</h2>
      <p class="muted">{st('importHint')}</p>
      <div class="form-row">
        <label>
          {st('importFile')}
          <input type="file" accept=".txt,text/plain" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <label>
          {st('filterLocale')}
          <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            <For each={LOCALES}>{(code) => <option value={code}>{st(`locale_${code}`)}</option>}</For>
          </select>
        </label>
        <button type="submit" disabled={!file()}>
          {st('importButton')}
        </button>
      </div>
      <p role="status" aria-live="polite" class="muted">
        <Show when={progress()}>{(text) => text()}</Show>
      </p>
    </form>
  );
}
