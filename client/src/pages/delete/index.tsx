import { createSignal, Match, Switch } from 'solid-js';
import { ApiError, deleteTakeWithReceipt } from '../../lib/api';
import { t } from '../../lib/i18n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'error'; message: string };

/** Deletes one take with its ID and receipt: no account needed. */
export function DeletePage() {
  const params = new URLSearchParams(location.search);
  const [takeId, setTakeId] = createSignal(params.get('takeId') ?? '');
  const [receipt, setReceipt] = createSignal(params.get('receipt') ?? '');
  const [outcome, setOutcome] = createSignal<Outcome>({ kind: 'idle' });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const id = takeId().trim();
    if (!UUID.test(id)) return void setOutcome({ kind: 'error', message: t('deleteInvalid') });
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
    <form class="card delete" onSubmit={(e) => void submit(e)} aria-labelledby="delete-title">
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
      <button type="submit" class="danger" disabled={outcome().kind === 'busy'}>
        {outcome().kind === 'busy' ? t('deleting') : t('deleteButton')}
      </button>
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
