import { createEffect, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { locale } from '../../lib/i18n';
import { lt } from '../../lib/i18n/listen';
import { fetchAssignmentAudio, fetchListenMe, fetchNextAssignment, submitRating } from '../../lib/listen-api';
import type { Assignment, ListenMe } from '../../lib/listen-types';
import { onWindowKeys } from '../../lib/window-keys';
import { ClipPlayer } from './ClipPlayer';
import { EmptyState } from './EmptyState';
import { KeyHelp } from './KeyHelp';
import { intensityKeyLabels, listenKeyAction } from './listen-keys';
import { blocker, emptyDraft, pickIntensity, ratingOf, toggleProblem, type RatingDraft } from './rating-draft';
import { RatingForm } from './RatingForm';

type Phase = { kind: 'loading' } | { kind: 'empty' } | { kind: 'error'; text: string } | { kind: 'clip'; assignment: Assignment; url: string };

/** The listener's loop: get a clip, hear it to the end, answer, send, next. */
export function Listener(props: { token: string; onUnauthorized: () => void }) {
  const [phase, setPhase] = createSignal<Phase>({ kind: 'loading' });
  const [draft, setDraft] = createSignal<RatingDraft>(emptyDraft(performance.now()));
  const [sending, setSending] = createSignal(false);
  const [sendError, setSendError] = createSignal<string | null>(null);
  /** Said by the aria-live region: a new clip, an answer sent, why Enter did nothing. */
  const [announce, setAnnounce] = createSignal('');
  const [session, setSession] = createSignal(0);
  const [me, setMe] = createSignal<ListenMe | null>(null);
  const [intensityKeys, setIntensityKeys] = createSignal(['Q', 'W', 'E', 'R', 'T']);
  /** After an answer the next clip starts by itself; the first one waits for Play or Space. */
  const [autoplay, setAutoplay] = createSignal(false);
  let replay: (() => void) | null = null;
  let heading: HTMLHeadingElement | undefined;
  let generation = 0;

  const messageOf = (failure: unknown) => {
    if (failure instanceof ApiError) return failure.status === 429 ? lt('errRateLimited') : failure.message;
    return lt('errOffline');
  };
  const refreshMe = () =>
    fetchListenMe(props.token)
      .then(setMe)
      .catch(() => undefined);

  const load = async (expiredBefore = false) => {
    const mine = ++generation;
    setSendError(null);
    setPhase({ kind: 'loading' });
    try {
      const assignment = await fetchNextAssignment(props.token, locale());
      if (mine !== generation) return;
      if (!assignment) return void setPhase({ kind: 'empty' });
      const bytes = await fetchAssignmentAudio(assignment.audioUrl, props.token);
      if (mine !== generation) return;
      setDraft(emptyDraft(performance.now()));
      setPhase({ kind: 'clip', assignment, url: URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' })) });
      setAnnounce(expiredBefore ? lt('expired') : lt('newClip'));
      queueMicrotask(() => heading?.focus());
    } catch (failure) {
      if (mine !== generation) return;
      if (failure instanceof ApiError && failure.status === 401) return props.onUnauthorized();
      // The assignment expired between asking and fetching its audio: the next ask gives a fresh one.
      if (failure instanceof ApiError && failure.status === 404 && !expiredBefore) return load(true);
      setPhase({ kind: 'error', text: lt('errLoad', { message: messageOf(failure) }) });
    }
  };
  // Each clip's Blob URL goes when the next replaces it, or when the page goes.
  createEffect(() => {
    const current = phase();
    if (current.kind === 'clip') onCleanup(() => URL.revokeObjectURL(current.url));
  });
  onMount(() => {
    void load();
    void refreshMe();
    void intensityKeyLabels().then(setIntensityKeys);
  });
  onCleanup(() => generation++);

  const submit = async () => {
    const current = phase();
    if (current.kind !== 'clip' || sending()) return;
    const rating = ratingOf(draft(), performance.now());
    const why = blocker(draft());
    if (!rating) return void setAnnounce(why === 'notHeard' ? lt('listenFirst') : lt('pickEmotion'));
    setSending(true);
    setSendError(null);
    try {
      await submitRating(props.token, current.assignment.assignmentId, rating);
      setSession((n) => n + 1);
      setMe((known) => (known ? { ...known, rated: known.rated + 1 } : known));
      setAnnounce(`${lt('sentAnnounce', { n: session() })} ${lt('loading')}`);
      setAutoplay(true);
      void refreshMe();
      await load();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return props.onUnauthorized();
      // Expired while the listener thought (409), or gone (404): its place went back to the queue; a new clip comes.
      if (failure instanceof ApiError && (failure.status === 404 || failure.status === 409)) return void load(true);
      setSendError(lt('errSend', { message: messageOf(failure) }));
    } finally {
      setSending(false);
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (phase().kind !== 'clip' || event.repeat) return;
    const action = listenKeyAction(event);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'emotion') setDraft((d) => ({ ...d, emotion: action.emotion }));
    else if (action.kind === 'intensity') setDraft((d) => pickIntensity(d, action.level, true));
    else if (action.kind === 'replay') replay?.();
    else void submit();
  };
  // Space acted on keydown; a focused control must not act on the keyup as well.
  const onKeyUp = (event: KeyboardEvent) => {
    if ((event.code === 'Space' || event.key === ' ') && phase().kind === 'clip' && listenKeyAction(event)) event.preventDefault();
  };
  onWindowKeys({ keydown: onKey, keyup: onKeyUp });

  return (
    <div class="listen">
      <div class="card listen-head">
        <h1>{lt('title')}</h1>
        <p class="muted">{lt('intro')}</p>
        <p class="listen-progress" data-testid="listen-progress">
          {lt('progress', { session: session(), total: me()?.rated ?? session() })}
          <Show when={me()?.available !== undefined}>
            {' · '}
            {lt('available', { n: me()?.available ?? 0 })}
          </Show>
        </p>
        <Show when={me()?.counted === false}>
          <p class="warn">{lt('notCounted')}</p>
        </Show>
      </div>
      <p class="sr-only" role="status" aria-live="polite" data-testid="listen-announce">
        {announce()}
      </p>
      <Switch>
        <Match when={phase().kind === 'loading'}>
          <p class="card muted" role="status">
            {lt('loading')}
          </p>
        </Match>
        <Match when={phase().kind === 'empty'}>
          <EmptyState onCheckAgain={() => void load()} />
        </Match>
        <Match when={phase().kind === 'error' && phase()}>
          {(failed) => (
            <div class="card">
              <p class="alert" role="alert">
                {(failed() as { text: string }).text}
              </p>
              <button type="button" onClick={() => void load()}>
                {lt('retry')}
              </button>
            </div>
          )}
        </Match>
        <Match when={phase().kind === 'clip' && (phase() as Extract<Phase, { kind: 'clip' }>)} keyed>
          {(clip) => (
            <>
              <section class="card clip" aria-labelledby="clip-sentence-label" data-testid="clip" data-assignment={clip.assignment.assignmentId}>
                <h2 id="clip-sentence-label" class="eyebrow" tabindex="-1" ref={heading}>
                  {lt('sentenceLabel')}
                </h2>
                <p class="sentence-text" lang={clip.assignment.sentence.locale ?? undefined} data-testid="clip-sentence">
                  {clip.assignment.sentence.text}
                </p>
                <ClipPlayer
                  url={clip.url}
                  heardToEnd={draft().heardToEnd}
                  autoplay={autoplay()}
                  onPlayFromStart={() => setDraft((d) => ({ ...d, plays: d.plays + 1 }))}
                  onEnded={() => setDraft((d) => ({ ...d, heardToEnd: true }))}
                  onError={() => setPhase({ kind: 'error', text: lt('errPlay') })}
                  registerReplay={(fn) => (replay = fn)}
                />
              </section>
              <RatingForm
                draft={draft()}
                blocker={blocker(draft())}
                sending={sending()}
                intensityKeys={intensityKeys()}
                onEmotion={(emotion) => setDraft((d) => ({ ...d, emotion }))}
                onIntensity={(level) => setDraft((d) => pickIntensity(d, level))}
                onProblem={(problem) => setDraft((d) => toggleProblem(d, problem))}
                onSubmit={() => void submit()}
              />
              <Show when={sendError()}>
                {(text) => (
                  <p class="alert" role="alert">
                    {text()}
                  </p>
                )}
              </Show>
            </>
          )}
        </Match>
      </Switch>
      <KeyHelp intensityKeys={intensityKeys()} />
      <p class="muted small">{lt('goldNote')}</p>
    </div>
  );
}
