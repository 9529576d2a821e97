import { createSignal, Show } from 'solid-js';
import type { ReviewState, TakeJson } from '@emovox/server/protocol';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { errorText } from '../error-text';

const BATCH = 500; // the server's limit per request

/** Accept or reject every take the filters show, after a confirmation that says how many. */
export function BulkReview(props: { takes: TakeJson[]; onDone: (updated: TakeJson[], text: string) => void; onFailed: (text: string) => void }) {
  const [asking, setAsking] = createSignal<'accepted' | 'rejected' | null>(null);
  const [busy, setBusy] = createSignal(false);
  const count = () => props.takes.length;

  const run = async (review: ReviewState) => {
    setBusy(true);
    const ids = props.takes.map((take) => take.takeId);
    const updated: TakeJson[] = [];
    try {
      for (let start = 0; start < ids.length; start += BATCH) {
        updated.push(...(await supervisorApi.reviewMany(ids.slice(start, start + BATCH), review)).items);
      }
      props.onDone(updated, st('bulkDone', { n: updated.length, review: st(`review_${review}`) }));
    } catch (failure) {
      // Batches already sent stay decided: show them, then say what went wrong.
      if (updated.length > 0) props.onDone(updated, st('bulkDone', { n: updated.length, review: st(`review_${review}`) }));
      props.onFailed(errorText(failure));
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  return (
    <Show when={count() > 0}>
      <div class="bulk-bar" data-testid="bulk" onKeyDown={(e) => e.key === 'Escape' && setAsking(null)}>
        <Show
          when={asking()}
          fallback={
            <>
              <button type="button" onClick={() => setAsking('accepted')}>
                {st('bulkAccept', { n: count() })}
              </button>
              <button type="button" onClick={() => setAsking('rejected')}>
                {st('bulkReject', { n: count() })}
              </button>
            </>
          }
        >
          {(decision) => (
            <>
              <p id="bulk-confirm-text" role="alert">
                {st(`bulkConfirm_${decision()}`, { n: count() })}
              </p>
              <button type="button" class="primary" aria-describedby="bulk-confirm-text" disabled={busy()} onClick={() => void run(decision())}>
                {st('bulkYes', { n: count() })}
              </button>
              <button type="button" ref={(button) => queueMicrotask(() => button.focus())} onClick={() => setAsking(null)}>
                {st('cancel')}
              </button>
            </>
          )}
        </Show>
      </div>
    </Show>
  );
}
