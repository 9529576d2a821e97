import { createResource, createSignal, For, Show } from 'solid-js';
import { LOCALES, type Locale, type SentenceJson } from '@emovox/server/protocol';
import { ApiError } from '../../../lib/api';
import { locale as uiLocale } from '../../../lib/i18n';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
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
  const changed = (sentence: SentenceJson) => mutate((list) => (list ?? []).map((s) => (s.id === sentence.id ? sentence : s)));

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    setNotice(null);
    try {
      const created = await supervisorApi.createSentence(text().trim(), newLocale());
      mutate((list) => [created, ...(list ?? [])]);
      setText('');
    } catch (error) {
      setNotice(error instanceof ApiError && error.status === 409 ? st('duplicate') : st('errorLoading', { message: String((error as Error).message) }));
    }
  };

  return (
    <div class="sentences-page">
      <div class="page-head">
        <h1>{st('sentencesTitle')}</h1>
        <label class="inline">
          {st('filterLocale')}
          <select value={locale() ?? ''} onChange={(e) => setLocale((e.currentTarget.value || null) as Locale | null)}>
            <option value="">{st('any')}</option>
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
      <SentenceImport
        defaultLocale={uiLocale()}
        onDone={() => {
          void refetch();
          void refetchStats();
        }}
      />
      <Show when={sentences()} fallback={<p class="muted">{st('loading')}</p>}>
        <CoverageHeatmap sentences={shown()} cells={stats()?.bySentenceEmotion ?? []} locale={locale()} />
        <SentenceList sentences={shown()} onChanged={changed} onRemoved={(id) => mutate((list) => (list ?? []).filter((s) => s.id !== id))} onNotice={setNotice} />
      </Show>
    </div>
  );
}
