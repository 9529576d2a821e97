import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { makeMonitorSocket } from '../../../lib/monitor-socket';
import { st } from '../../../lib/i18n/supervisor';
import { endSession } from '../../../lib/supervisor-session';
import { createSentenceTexts } from '../sentence-texts';
import { counters, emptyBoard, reduceBoard, visibleSessions, type BoardEvent } from './board';
import { makeServerClock } from './server-clock';
import { SessionCard } from './SessionCard';
import { TakeFeed } from './TakeFeed';
import { pushRating, RatingFeed } from './RatingFeed';
import type { MonitorRating } from '../../../lib/listen-types';
import { campaignOf } from './CampaignProgress';

/** The live board: everything arrives pushed over /monitor; the only timer is the clock for elapsed times. */
export function MonitorPage(props: { token: string }) {
  const [board, setBoard] = createSignal(emptyBoard);
  const [link, setLink] = createSignal<'connecting' | 'live' | 'reconnecting'>('connecting');
  const [ratings, setRatings] = createSignal<MonitorRating[]>([]);
  const clock = makeServerClock();
  const [now, setNow] = createSignal(clock.now());
  const tick = setInterval(() => setNow(clock.now()), 1000);
  onCleanup(() => clearInterval(tick));

  const apply = (event: BoardEvent) => {
    setBoard((current) => reduceBoard(current, event));
    setNow(clock.now());
  };
  const close = makeMonitorSocket(props.token, {
    snapshot: (snapshot) => apply({ kind: 'snapshot', snapshot }),
    session: (session) => {
      if (session.currentTake?.state === 'recording') clock.observe(session.lastSeenAt);
      apply({ kind: 'session', session });
    },
    take: (take) => apply({ kind: 'take', take, at: clock.now() }),
    deleted: (deletion) => apply({ kind: 'deleted', takeId: deletion.takeId, at: clock.now() }),
    rating: (rating) => setRatings((feed) => pushRating(feed, rating)),
    link: setLink,
    unauthorized: () => endSession('expired'),
  });
  onCleanup(close);

  const sentenceText = createSentenceTexts();
  const sessions = createMemo(() => visibleSessions(board(), now()));
  // Cards are keyed by speaker so that a tick updates them in place rather than rebuilding them.
  const byId = createMemo(() => new Map(sessions().map((view) => [view.speakerId, view])));
  const ids = createMemo(() => sessions().map((view) => view.speakerId));
  const count = createMemo(() => counters(board(), now()));
  const recorderUrl = `${location.origin}/`;

  return (
    <div class="monitor">
      <div class="page-head">
        <h1>{st('monitorTitle')}</h1>
        <span class="live-link" data-link={link()} role="status">
          <span class="dot" aria-hidden="true" />
          {link() === 'live' ? st('linkLive') : link() === 'connecting' ? st('linkConnecting') : st('linkReconnecting')}
        </span>
      </div>
      {/* The live region wraps the list: a role on the <dl> itself would hide its terms from assistive tech. */}
      <div role="status" aria-live="polite">
      <dl class="counters-grid" data-testid="counters">
        <div>
          <dt>{st('countActive')}</dt>
          <dd data-testid="count-active">{count().active}</dd>
        </div>
        <div>
          <dt>{st('countRecording')}</dt>
          <dd data-testid="count-recording">{count().recording}</dd>
        </div>
        <div>
          <dt>{st('countSaved')}</dt>
          <dd data-testid="count-saved">{count().savedRecently}</dd>
        </div>
        <div classList={{ alarm: count().failedRecently > 0 }}>
          <dt>{st('countFailed')}</dt>
          <dd data-testid="count-failed">{count().failedRecently}</dd>
        </div>
      </dl>
      </div>
      <div class="monitor-columns">
        <section aria-label={st('sessionsTitle')} class="sessions">
          <Show
            when={sessions().length > 0}
            fallback={
              <div class="card empty-board">
                <p class="empty-title">{st('emptyBoard')}</p>
                <p class="muted">{st('emptyBoardHint', { url: recorderUrl })}</p>
              </div>
            }
          >
            <ul class="session-list">
              <For each={ids()}>{(id) => <Show when={byId().get(id)}>{(view) => <SessionCard view={view()} sentenceText={sentenceText} campaign={campaignOf(board().sessions[id])} />}</Show>}</For>
            </ul>
          </Show>
        </section>
        <div class="feeds">
          <TakeFeed entries={board().feed} />
          <RatingFeed entries={ratings()} />
        </div>
      </div>
    </div>
  );
}
