import { createSignal, For } from 'solid-js';
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
  const [running, setRunning] = createSignal(false);

  const run = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = file();
    if (!chosen) return;
    const lines = sentencesFromText(await chosen.text());
    if (lines.length === 0) return void setProgress(st('importEmpty'));
    setRunning(true);
    try {
      const outcome = await importLines(lines);
      if (outcome) setProgress(st('importDone', outcome));
    } finally {
      setRunning(false);
    }
    props.onDone();
  };

  /** Null when the session ended midway (the page goes to login). */
  const importLines = async (lines: string[]) => {
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
        else if (error instanceof ApiError && error.status === 401) return null;
        else failed++;
      }
    }
    return { added, skipped, failed };
  };

  return (
    <form class="import" onSubmit={(e) => void run(e)} aria-label={st('importTitle')}>
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
        <button type="submit" disabled={!file() || running()}>
          {running() ? st('importRunning') : st('importButton')}
        </button>
      </div>
      {/* Read in JSX, so the line follows every change (a Show child returning text() kept the first one). */}
      <p role="status" aria-live="polite" class="muted" data-testid="import-progress">
        {progress() ?? ''}
      </p>
    </form>
  );
}
