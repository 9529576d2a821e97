import { createSignal } from 'solid-js';
import { supervisorApi } from '../../lib/supervisor-api';

/**
 * Sentence texts by ID, fetched with GET /sentences and cached. An ID the cache has never seen
 * (a sentence added since) refreshes it once.
 */
export function createSentenceTexts() {
  const [texts, setTexts] = createSignal<ReadonlyMap<string, string>>(new Map());
  const asked = new Set<string>();
  let loading: Promise<void> | null = null;
  const load = () => {
    loading ??= supervisorApi
      .sentences()
      .then((items) => void setTexts(new Map(items.map((sentence) => [sentence.id, sentence.text]))))
      .catch(() => undefined) // the board still works with IDs; a 401 is handled by the API layer
      .finally(() => (loading = null));
    return loading;
  };
  void load();
  return (id: string): string | null => {
    const text = texts().get(id);
    if (text === undefined && !asked.has(id)) {
      asked.add(id);
      queueMicrotask(() => void load());
    }
    return text ?? null;
  };
}
