import { createResource, createSignal, For, Show } from 'solid-js';
import { LOCALES, type Locale, type SentenceJson } from '@emovox/server/protocol';
import { locale as uiLocale } from '../../../lib/i18n';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { errorText, loadErrorText } from '../error-text';
import { CoverageHeatmap } from './CoverageHeatmap';
import { SentenceImport } from './SentenceImport';
import { SentenceList } from './SentenceList';

/** Sentences: add, edit, deactivate, import a file; the coverage heatmap shows what to record next. */
export function SentencesPage() {
  const [sentences, { mutate, refetch }] = createResource(() => supervisorApi.sentences());
  const [stats, { refetch: refetchStats }] = createResource(() => supervisorApi.stats());
  const [locale, setLocale] = createSignal<Locale | null>(null);
  const [text, setText] = createSignal('');
  const [newLocale, setNewLocale] = createSignal<Locale>(uiLocale());
  const [notice, setNotice] = createSignal<string | null>(null);

  const shown = () => (sentences() ?? []).filter((s) => !locale() || s.locale === locale());
  // A PATCH answer has no take count: the one already known is kept.
  const changed = (sentence: SentenceJson) => mutate((list) => (list ?? []).map((s) => (s.id === sentence.id ? { ...s, ...sentence } : s)));

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    setNotice(null);
    try {
      const created = await supervisorApi.createSentence(text().trim(), newLocale());
      mutate((list) => [{ ...created, takes: 0 }, ...(list ?? [])]);
      setText('');
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  return (
    <div class="sentences-page">
      <div class="page-head">
        <h1>{st('sentencesTitle')}</h1>
        <label class="inline">
          {st('filterLocale')}
          <select value={locale() ?? ''} onChange={(e) => setLocale((e.currentTarget.value || null) as Locale | null)}>
            <option value="">{st('anyFeminine')}</option>
            <For each={LOCALES}>{(code) => <option value={code}>{st(`locale_${code}`)}</option>}</For>
          </select>
        </label>
      </div>
      <form class="card add-sentence" onSubmit={(e) => void add(e)} aria-labelledby="add-title">
        <h2 id="add-title">{st('addSentence')}</h2>
        <div class="form-row">
          <label class="grow">
            {st('sentenceText')}
            <input value={text()} maxLength={500} required onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <label>
            {st('filterLocale')}
            <select value={newLocale()} onChange={(e) => setNewLocale(e.currentTarget.value as Locale)}>
              <For each={LOCALES}>{(code) => <option value={code}>{st(`locale_${code}`)}</option>}</For>
            </select>
          </label>
          <button type="submit" class="primary">
            {st('add')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        <Show when={notice()}>{(message) => <p class="notice-box">{message()}</p>}</Show>
      </div>
      <Show when={sentences()} fallback={<p class="muted">{sentences.error ? loadErrorText(sentences.error) : st('loading')}</p>}>
        <SentenceList sentences={shown()} onChanged={changed} onRemoved={(id) => mutate((list) => (list ?? []).filter((s) => s.id !== id))} onNotice={setNotice} />
      </Show>
      {/* Second and folded: the list is what a supervisor comes for; the grid is long. */}
      <details class="card fold" data-testid="import-fold">
        <summary>
          <h2>{st('importTitle')}</h2>
        </summary>
        <SentenceImport
          defaultLocale={uiLocale()}
          onDone={() => {
            void refetch();
            void refetchStats();
          }}
        />
      </details>
      <details class="card fold" data-testid="coverage-fold">
        <summary>
          <h2>{st('coverageTitle')}</h2>
        </summary>
        <Show when={sentences()}>
          <CoverageHeatmap sentences={shown()} cells={stats()?.bySentenceEmotion ?? []} locale={locale()} />
        </Show>
      </details>
    </div>
  );
}
