import { createSignal, Match, Show, Switch } from 'solid-js';
import { ApiError, deleteTakeWithReceipt } from '../../lib/api';
import { t } from '../../lib/i18n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Outcome = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'error'; message: string };

/** Reads the prefill of the result card's link, then takes the receipt out of the address bar and the history. */
function takePrefill(): { takeId: string; receipt: string } {
  const params = new URLSearchParams(location.search);
  const prefill = { takeId: params.get('takeId') ?? '', receipt: params.get('receipt') ?? '' };
  if (params.has('takeId') || params.has('receipt')) {
    params.delete('takeId');
    params.delete('receipt');
    const rest = params.toString();
    history.replaceState(history.state, '', location.pathname + (rest ? `?${rest}` : ''));
  }
  return prefill;
}

/** Deletes one take with its ID and receipt: no account needed. It asks once before deleting for good. */
export function DeletePage() {
  const prefill = takePrefill();
  const [takeId, setTakeId] = createSignal(prefill.takeId);
  const [receipt, setReceipt] = createSignal(prefill.receipt);
  const [outcome, setOutcome] = createSignal<Outcome>({ kind: 'idle' });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!UUID.test(takeId().trim())) return void setOutcome({ kind: 'error', message: t('deleteInvalid') });
    setOutcome({ kind: 'confirming' });
  };

  const confirm = async () => {
    const id = takeId().trim();
    setOutcome({ kind: 'busy' });
    try {
      await deleteTakeWithReceipt(id, receipt().trim());
      setOutcome({ kind: 'done' });
    } catch (error) {
      const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
      setOutcome({ kind: 'error', message: notFound ? t('deleteNotFound') : t('errGeneric', { message: String((error as Error).message) }) });
    }
  };

  return (
    <form class="card delete" onSubmit={submit} aria-labelledby="delete-title">
      <h1 id="delete-title">{t('deleteTitle')}</h1>
      <p>{t('deleteIntro')}</p>
      <label>
        {t('takeId')}
        <input name="takeId" autocomplete="off" spellcheck={false} required value={takeId()} onInput={(e) => setTakeId(e.currentTarget.value)} />
      </label>
      <label>
        {t('receipt')}
        <input name="receipt" autocomplete="off" spellcheck={false} required value={receipt()} onInput={(e) => setReceipt(e.currentTarget.value)} />
      </label>
      <Show
        when={outcome().kind === 'confirming' || outcome().kind === 'busy'}
        fallback={
          <button type="submit" class="danger">
            {t('deleteButton')}
          </button>
        }
      >
        <div class="confirm" role="group" aria-labelledby="delete-confirm">
          <p id="delete-confirm">
            <strong>{t('deleteConfirm')}</strong>
          </p>
          <div class="buttons">
            <button type="button" class="danger" ref={(button) => queueMicrotask(() => button.focus())} disabled={outcome().kind === 'busy'} onClick={() => void confirm()}>
              {outcome().kind === 'busy' ? t('deleting') : t('deleteConfirmYes')}
            </button>
            <button type="button" onClick={() => setOutcome({ kind: 'idle' })} disabled={outcome().kind === 'busy'}>
              {t('cancel')}
            </button>
          </div>
        </div>
      </Show>
      <div role="status" aria-live="polite">
        <Switch>
          <Match when={outcome().kind === 'done'}>
            <p class="success">{t('deleteDone')}</p>
          </Match>
          <Match when={outcome().kind === 'error' && (outcome() as { message: string }).message}>
            {(message) => <p class="alert">{message()}</p>}
          </Match>
        </Switch>
      </div>
      <p>
        <a href="/">{t('backToRecording')}</a>
      </p>
    </form>
  );
}
