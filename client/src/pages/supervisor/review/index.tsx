import { batch, createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { EMOTIONS, LOCALES, QUALITY_FLAGS, REVIEW_STATES, TAKE_STATES, type ReviewState, type TakeJson } from '@emovox/server/protocol';
import { ApiError } from '../../../lib/api';
import { t } from '../../../lib/i18n';
import { lp } from '../../../lib/i18n/perception';
import { st } from '../../../lib/i18n/supervisor';
import { HEARD, type PerceivedTake } from '../../../lib/listen-types';
import { supervisorApi, type TakeFilter } from '../../../lib/supervisor-api';
import { onWindowKeys } from '../../../lib/window-keys';
import { currentSearch } from '../../../router';
import { errorText, loadErrorText } from '../error-text';
import { formatDateTime, shortId } from '../format';
import { AGREEMENT_STEPS, formatShare, heardName } from '../perception-format';
import { BulkReview } from './BulkReview';
import { moveSelection, reviewKeyAction } from './keys';
import { PerceptionTags } from './PerceptionPanel';
import '../perception.css';
import { TakeDetail } from './TakeDetail';

/** The least-agreement filter's choices (0..1). */

/** Review: filter takes, page through them, listen, accept or reject; j/k/space/a/r on the keyboard. */
export function ReviewPage() {
  const [filter, setFilter] = createSignal<TakeFilter>({ state: 'saved', review: 'pending' });
  const [items, setItems] = createSignal<PerceivedTake[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<{ ok: boolean; text: string } | null>(null);
  /** Said at page level: the take's own panel goes with it. */
  const [deleted, setDeleted] = createSignal<string | null>(null);
  const [speed, setSpeed] = createSignal(1);
  let player: (() => void) | null = null;
  let generation = 0;

  const load = async (reset: boolean) => {
    const mine = ++generation;
    setLoading(true);
    setError(null);
    try {
      const page = await supervisorApi.takes(filter(), reset ? null : cursor());
      if (mine !== generation) return;
      const base = reset ? items().filter((take) => take.takeId === pinned) : items();
      const next = [...base, ...page.items.filter((take) => !base.some((known) => known.takeId === take.takeId))];
      batch(() => {
        setItems(next);
        setCursor(page.nextCursor);
        if (!next.some((take) => take.takeId === selectedId())) setSelectedId(next[0]?.takeId ?? null);
      });
    } catch (failure) {
      if (mine === generation) setError(loadErrorText(failure));
    } finally {
      if (mine === generation) setLoading(false);
    }
  };

  // A take opened from the live feed (/review?take=ID) is shown first, whatever the filters.
  let pinned: string | null = new URLSearchParams(currentSearch()).get('take');
  /** Shows one take first, whatever the filters: from the live feed, or a re-record link of the open take. */
  const open = (takeId: string) => {
    pinned = takeId;
    supervisorApi
      .take(takeId)
      .then((take) => {
        setItems((current) => [take, ...current.filter((known) => known.takeId !== take.takeId)]);
        setSelectedId(take.takeId);
      })
      .catch((failure: unknown) => {
        pinned = null;
        setError(loadErrorText(failure));
      });
  };
  if (pinned) open(pinned);
  createEffect(on(filter, () => void load(true)));

  const selectedIndex = createMemo(() => items().findIndex((take) => take.takeId === selectedId()));
  const selected = createMemo(() => items()[selectedIndex()] ?? null);
  createEffect(
    on(selectedId, () => {
      setNote(selected()?.reviewNote ?? '');
    }),
  );

  const select = (index: number) => {
    const take = items()[index];
    if (!take) return;
    setSelectedId(take.takeId);
    document.querySelector(`[data-row="${take.takeId}"]`)?.scrollIntoView?.({ block: 'nearest' });
  };

  /** One action on the selected take at a time: notices cleared first, a failure shown, busy while it runs. */
  const onSelected = async (work: (take: PerceivedTake) => Promise<void>) => {
    const take = selected();
    if (!take || busy()) return;
    setBusy(true);
    setNotice(null);
    setDeleted(null);
    try {
      await work(take);
    } catch (failure) {
      setNotice({ ok: false, text: errorText(failure) });
    } finally {
      setBusy(false);
    }
  };

  const review = (decision: ReviewState) =>
    onSelected(async (take) => {
      const updated = await supervisorApi.review(take.takeId, decision, note().trim() || null);
      setItems((current) => current.map((known) => (known.takeId === updated.takeId ? updated : known)));
      setNotice({ ok: true, text: st('reviewSaved', { id: shortId(updated.takeId), review: st(`review_${updated.review}`) }) });
      if (selectedIndex() < items().length - 1) select(selectedIndex() + 1);
    });

  // Gold changes nothing else about the take: its review stays, and the list keeps it selected.
  const toggleGold = () =>
    onSelected(async (take) => {
      const updated = await supervisorApi.setGold(take.takeId, !take.gold);
      setItems((current) => current.map((known) => (known.takeId === updated.takeId ? updated : known)));
      setNotice({ ok: true, text: lp(updated.gold ? 'goldSaved' : 'goldRemoved', { id: shortId(updated.takeId) }) });
    });

  // The take leaves the list; the next one (or else the previous one) is selected.
  const remove = () =>
    onSelected(async (take) => {
      let gone = st('takeDeleted', { id: shortId(take.takeId) });
      try {
        await supervisorApi.deleteTake(take.takeId);
      } catch (failure) {
        if (!(failure instanceof ApiError && failure.status === 404)) throw failure;
        gone = st('takeAlreadyGone', { id: shortId(take.takeId) });
      }
      const index = selectedIndex();
      if (pinned === take.takeId) pinned = null;
      const rest = items().filter((known) => known.takeId !== take.takeId);
      batch(() => {
        setItems(rest);
        setSelectedId(rest[Math.min(index, rest.length - 1)]?.takeId ?? null);
        setDeleted(gone);
      });
    });

  const onKey = (event: KeyboardEvent) => {
    const action = reviewKeyAction(event);
    if (!action) return;
    event.preventDefault();
    if (action === 'next' || action === 'previous') select(moveSelection(selectedIndex(), items().length, action));
    else if (action === 'play') player?.();
    else if (action === 'gold') void toggleGold();
    else void review(action === 'accept' ? 'accepted' : 'rejected');
  };
  onWindowKeys({ keydown: onKey });

  const filterSelect = <K extends keyof TakeFilter>(
    key: K,
    label: string,
    values: readonly string[],
    name: (value: string) => string,
    any: 'any' | 'anyFeminine' = 'anyFeminine',
  ) => (
    <label>
      {label}
      <select value={filter()[key] ?? ''} onChange={(e) => setFilter({ ...filter(), [key]: e.currentTarget.value || undefined })}>
        <option value="">{st(any)}</option>
        <For each={values}>{(value) => <option value={value}>{name(value)}</option>}</For>
      </select>
    </label>
  );

  return (
    <div class="review-page">
      <div class="page-head">
        <h1>{st('reviewTitle')}</h1>
        <p class="muted keys-hint">
          {st('reviewKeys')} {lp('goldKey')}
        </p>
      </div>
      <fieldset class="card filters">
        <legend>{st('filters')}</legend>
        {filterSelect('state', st('filterState'), TAKE_STATES, (v) => st(`state_${v as TakeJson['state']}`), 'any')}
        {filterSelect('emotion', t('emotion'), EMOTIONS, (v) => t(v as TakeJson['emotion']))}
        {filterSelect('review', st('filterReview'), REVIEW_STATES, (v) => st(`review_${v as ReviewState}`))}
        {filterSelect('locale', st('filterLocale'), LOCALES, (v) => st(`locale_${v as 'fr' | 'en'}`))}
        {filterSelect('flag', st('filterFlag'), QUALITY_FLAGS, (v) => st(`flagName_${v as (typeof QUALITY_FLAGS)[number]}`))}
        {filterSelect('perceived', lp('filterPerceived'), HEARD, (v) => heardName(v as (typeof HEARD)[number]))}
        {filterSelect('minAgreement', lp('filterAgreement'), AGREEMENT_STEPS, (v) => formatShare(Number(v)), 'any')}
        {filterSelect('gold', lp('filterGold'), ['true', 'false'], (v) => (v === 'true' ? lp('goldOnly') : lp('notGold')))}
        <For each={(['speakerId', 'sentenceId'] as const).filter((key) => filter()[key])}>
          {(key) => {
            const name = key === 'speakerId' ? st('filterSpeaker') : st('filterSentence');
            return (
              <span class="filter-chip tag">
                {name} <code>{shortId(filter()[key] ?? '')}</code>
                <button type="button" class="link" aria-label={st('clearFilter', { name })} onClick={() => setFilter({ ...filter(), [key]: undefined })}>
                  ✕
                </button>
              </span>
            );
          }}
        </For>
      </fieldset>
      <div role="status" aria-live="polite" class="notice-line">
        <Show when={error()}>{(text) => <p class="alert">{text()}</p>}</Show>
        <Show when={deleted()}>{(text) => <p class="success">{text()}</p>}</Show>
      </div>
      <div class="review-columns">
        <section class="card take-list-card" aria-labelledby="take-list-title">
          <h2 id="take-list-title">{st('takeList')}</h2>
          <BulkReview
            takes={items()}
            onDone={(updated, text) => {
              const byId = new Map(updated.map((take) => [take.takeId, take]));
              setItems((current) => current.map((known) => byId.get(known.takeId) ?? known));
              setError(null);
              setDeleted(text);
            }}
            onFailed={(text) => setError(text)}
          />
          <Show when={items().length > 0 || loading()} fallback={<p class="muted">{st('noTakes')}</p>}>
            <ol class="take-list">
              <For each={items()}>
                {(take) => (
                  <li>
                    <button type="button" data-row={take.takeId} aria-current={take.takeId === selectedId() ? 'true' : undefined} onClick={() => setSelectedId(take.takeId)}>
                      {/* The text as the speaker read it, whatever the sentence says now. */}
                      <span class="row-sentence">{take.sentenceText}</span>
                      <span class="row-meta">
                        <span class="tag emotion">{t(take.emotion)}</span>
                        <span class={`review review-${take.review}`}>{st(`review_${take.review}`)}</span>
                        <PerceptionTags take={take} />
                        <Show when={take.replacedBy}>
                          <span class="tag replaced">{st('replacedTag')}</span>
                        </Show>
                        <Show when={take.quality && take.quality.flags.length > 0}>
                          <span class="flag-count" title={take.quality!.flags.map((flag) => st(`flag_${flag}`)).join('\n')}>
                            ⚠ {take.quality!.flags.length}
                          </span>
                        </Show>
                        <time class="muted">{formatDateTime(take.createdAt)}</time>
                      </span>
                    </button>
                  </li>
                )}
              </For>
            </ol>
          </Show>
          <Show when={loading()}>
            <p class="muted">{st('loading')}</p>
          </Show>
          <Show when={cursor() && !loading()}>
            <button type="button" onClick={() => void load(false)}>
              {st('loadMore')}
            </button>
          </Show>
        </section>
        <Show when={selected()?.takeId} keyed fallback={<p class="card muted">{st('selectTake')}</p>}>
          {(_takeId) => (
            <TakeDetail
              take={selected()!}
              sentenceText={selected()!.sentenceText}
              note={note()}
              onNote={setNote}
              busy={busy()}
              notice={notice()}
              onReview={(decision) => void review(decision)}
              onDelete={() => void remove()}
              onRedone={(updated) => setItems((current) => current.map((known) => (known.takeId === updated.takeId ? updated : known)))}
              registerPlayer={(toggle) => (player = toggle)}
              speed={speed()}
              onSpeed={setSpeed}
              onFilter={(narrow) => setFilter({ ...filter(), ...narrow })}
              onGold={() => void toggleGold()}
              onOpen={open}
            />
          )}
        </Show>
      </div>
    </div>
  );
}
