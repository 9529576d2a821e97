import { createMemo, createSignal, For, Show } from 'solid-js';
import type { SentenceJson } from '@emovox/server/protocol';
import { ApiError } from '../../../lib/api';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';

export interface SentenceListProps {
  sentences: SentenceJson[];
  onChanged: (sentence: SentenceJson) => void;
  onRemoved: (id: string) => void;
  onNotice: (text: string) => void;
}

const failureText = (error: unknown) =>
  error instanceof ApiError && error.status === 409 ? st('duplicate') : st('errorLoading', { message: error instanceof Error ? error.message : String(error) });

/** The sentences with search, inline edit, and deactivate / activate. */
export function SentenceList(props: SentenceListProps) {
  const [query, setQuery] = createSignal('');
  const [showInactive, setShowInactive] = createSignal(false);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [draft, setDraft] = createSignal('');
  const shown = createMemo(() => {
    const needle = query().trim().toLowerCase();
    return props.sentences.filter((s) => (showInactive() || s.active) && (!needle || s.text.toLowerCase().includes(needle)));
  });

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      props.onNotice(failureText(error));
    }
  };
  const save = (sentence: SentenceJson) =>
    act(async () => {
      props.onChanged(await supervisorApi.updateSentence(sentence.id, { text: draft().trim() }));
      setEditing(null);
    });
  const deactivate = (sentence: SentenceJson) =>
    act(async () => {
      const outcome = await supervisorApi.removeSentence(sentence.id);
      if (outcome) {
        props.onChanged(outcome);
        props.onNotice(st('deactivatedSentence'));
      } else {
        props.onRemoved(sentence.id);
        props.onNotice(st('removedSentence'));
      }
    });
  const activate = (sentence: SentenceJson) => act(async () => props.onChanged(await supervisorApi.updateSentence(sentence.id, { active: true })));

  return (
    <section class="card sentence-list" aria-labelledby="sentence-list-title">
      <h2 id="sentence-list-title">{st('sentencesTitle')}</h2>
      <div class="form-row">
        <label>
          {st('search')}
          <input type="search" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label class="inline">
          <input type="checkbox" checked={showInactive()} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
          {st('showInactive')}
        </label>
      </div>
      <p class="muted">{st('sentenceCount', { shown: shown().length, total: props.sentences.length })}</p>
      <ul class="rows">
        <For each={shown()}>
          {(sentence) => (
            <li classList={{ inactive: !sentence.active }}>
              <Show
                when={editing() === sentence.id}
                fallback={
                  <>
                    <span class="row-text">
                      {sentence.text} <span class="tag">{sentence.locale}</span>
                      <Show when={!sentence.active}>
                        <span class="tag muted">{st('inactive')}</span>
                      </Show>
                    </span>
                    <span class="row-actions">
                      <button
                        type="button"
                        onClick={() => {
                          setDraft(sentence.text);
                          setEditing(sentence.id);
                        }}
                      >
                        {st('edit')}
                      </button>
                      <Show when={sentence.active} fallback={<button type="button" onClick={() => void activate(sentence)}>{st('activate')}</button>}>
                        <button type="button" onClick={() => void deactivate(sentence)}>
                          {st('deactivate')}
                        </button>
                      </Show>
                    </span>
                  </>
                }
              >
                <form
                  class="row-edit"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void save(sentence);
                  }}
                >
                  <label class="grow">
                    <span class="sr-only">{st('sentenceText')}</span>
                    <input value={draft()} maxLength={500} required onInput={(e) => setDraft(e.currentTarget.value)} />
                  </label>
                  <button type="submit" class="primary">
                    {st('save')}
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    {st('cancel')}
                  </button>
                </form>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
