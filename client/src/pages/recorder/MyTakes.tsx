// "My takes on this device": the takes of this browser's speaker token, from the server, each deletable
// after a confirmation, without copying its receipt.
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { TakeJson } from '@emovox/server/protocol';
import { t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n/en';
import { pt, type PrivacyKey } from '../../lib/i18n/privacy';
import './privacy.css';

export interface MyTakesProps {
  /** Injected server calls (fetchMyTakes and deleteTakeWithToken with the token), so tests can pass named fakes. */
  load: () => Promise<TakeJson[]>;
  remove: (takeId: string) => Promise<void>;
  /** Bumped when this page saves a take, so that the list shows it. */
  version?: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function MyTakes(props: MyTakesProps) {
  const [takes, { refetch, mutate }] = createResource(() => props.version ?? 0, () => props.load());
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [deleting, setDeleting] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);

  const remove = async (takeId: string) => {
    setDeleting(takeId);
    setProblem(null);
    try {
      await props.remove(takeId);
      mutate((list) => list?.filter((take) => take.takeId !== takeId));
    } catch (error) {
      setProblem(pt('myTakesDeleteFailed', { message: message(error) }));
    } finally {
      setDeleting(null);
      setConfirming(null);
    }
  };

  const label = (take: TakeJson) =>
    pt('myTakesItem', {
      when: new Date(take.createdAt).toLocaleString(),
      emotion: t(take.emotion as MessageKey),
      state: pt(`state_${take.state}` as PrivacyKey),
    });

  return (
    <section class="card my-takes" aria-labelledby="my-takes-title">
      <h2 id="my-takes-title">{pt('myTakesTitle')}</h2>
      <button type="button" class="link" onClick={() => void refetch()}>
        {pt('myTakesRefresh')}
      </button>
      <Show when={problem()}>{(text) => <p class="alert" role="alert">{text()}</p>}</Show>
      <Switch>
        <Match when={takes.error as unknown}>{(error) => <p class="alert">{pt('myTakesFailed', { message: message(error()) })}</p>}</Match>
        <Match when={takes.loading && !takes.latest}>
          <p>{pt('myTakesLoading')}</p>
        </Match>
        <Match when={takes.latest?.length === 0}>
          <p>{pt('myTakesEmpty')}</p>
        </Match>
        <Match when={takes.latest}>
          {(list) => (
            <ul>
              <For each={list()}>
                {(take) => (
                  <li>
                    <span>{label(take)}</span>
                    <Show
                      when={confirming() === take.takeId}
                      fallback={
                        <button type="button" class="danger" disabled={deleting() !== null} onClick={() => setConfirming(take.takeId)}>
                          {pt('myTakesDelete')}
                        </button>
                      }
                    >
                      <span role="group" aria-label={pt('myTakesConfirm')}>
                        {pt('myTakesConfirm')}{' '}
                        <button type="button" class="danger" disabled={deleting() !== null} onClick={() => void remove(take.takeId)}>
                          {deleting() === take.takeId ? pt('myTakesDeleting') : pt('myTakesConfirmYes')}
                        </button>
                        <button type="button" disabled={deleting() !== null} onClick={() => setConfirming(null)}>
                          {pt('myTakesConfirmNo')}
                        </button>
                      </span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
    </section>
  );
}
