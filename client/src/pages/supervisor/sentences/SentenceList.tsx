import { createMemo, createSignal, For, Show } from 'solid-js';
import type { SentenceJson } from '@emovox/server/protocol';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { errorText } from '../error-text';

const takesText = (n: number) => (n === 0 ? st('sentenceTakesNone') : n === 1 ? st('sentenceTakesOne') : st('sentenceTakes', { n }));

export interface SentenceListProps {
  sentences: SentenceJson[];
  onChanged: (sentence: SentenceJson) => void;
  onRemoved: (id: string) => void;
  /** null clears the last notice: an error stays only until the next action succeeds. */
  onNotice: (text: string | null) => void;
}

/**
 * The sentences with search, inline edit, deactivate / activate (reversible), and delete with a
 * confirmation, offered only for a sentence nothing was recorded from.
 */
export function SentenceList(props: SentenceListProps) {
  const [query, setQuery] = createSignal('');
  const [showInactive, setShowInactive] = createSignal(false);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [draft, setDraft] = createSignal('');
  const [confirmingDelete, setConfirmingDelete] = createSignal<string | null>(null);
  const shown = createMemo(() => {
    const needle = query().trim().toLowerCase();
    return props.sentences.filter((s) => (showInactive() || s.active) && (!needle || s.text.toLowerCase().includes(needle)));
  });

  const act = async (work: () => Promise<void>) => {
    props.onNotice(null);
    try {
      await work();
    } catch (error) {
      props.onNotice(errorText(error));
    }
  };
  const save = (sentence: SentenceJson) =>
    act(async () => {
      props.onChanged(await supervisorApi.updateSentence(sentence.id, { text: draft().trim() }));
      setEditing(null);
    });
  // Deactivating never deletes: the sentence stays, with its takes, until someone activates it again.
  const setActive = (sentence: SentenceJson, active: boolean) =>
    act(async () => {
      props.onChanged(await supervisorApi.updateSentence(sentence.id, { active }));
      props.onNotice(st(active ? 'activatedNow' : 'deactivatedNow'));
    });
  const remove = (sentence: SentenceJson) =>
    act(async () => {
      setConfirmingDelete(null);
      const outcome = await supervisorApi.removeSentence(sentence.id);
      // A take recorded since the list loaded: the server deactivates instead, and says so.
      if (outcome) {
        props.onChanged(outcome);
        props.onNotice(st('deactivatedSentence'));
      } else {
        props.onRemoved(sentence.id);
        props.onNotice(st('removedSentence'));
      }
    });

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
                      <span class="tag muted">{takesText(sentence.takes ?? 0)}</span>
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
                      <Show when={sentence.active} fallback={<button type="button" onClick={() => void setActive(sentence, true)}>{st('activate')}</button>}>
                        <button type="button" onClick={() => void setActive(sentence, false)}>
                          {st('deactivate')}
                        </button>
                      </Show>
                      <Show when={(sentence.takes ?? 0) === 0 && confirmingDelete() !== sentence.id}>
                        <button type="button" class="delete-quiet" onClick={() => setConfirmingDelete(sentence.id)}>
                          {st('deleteTake')}
                        </button>
                      </Show>
                    </span>
                    <Show when={confirmingDelete() === sentence.id}>
                      <span class="row-confirm" onKeyDown={(e) => e.key === 'Escape' && setConfirmingDelete(null)}>
                        <span role="alert">{st('deleteSentenceConfirm')}</span>
                        <button type="button" class="danger" onClick={() => void remove(sentence)}>
                          {st('deleteConfirmButton')}
                        </button>
                        <button type="button" ref={(button) => queueMicrotask(() => button.focus())} onClick={() => setConfirmingDelete(null)}>
                          {st('cancel')}
                        </button>
                      </span>
                    </Show>
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
