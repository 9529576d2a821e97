import { For, Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { st } from '../../../lib/i18n/supervisor';
import { formatTime, shortId } from '../format';
import type { FeedEntry } from './board';
import { RedoButton } from '../RedoRequest';

/** Take state changes, newest first; each links to the take in review. */
export function TakeFeed(props: { entries: FeedEntry[] }) {
  return (
    <section class="card feed" aria-labelledby="feed-title">
      <h2 id="feed-title">{st('feedTitle')}</h2>
      <Show when={props.entries.length > 0} fallback={<p class="muted">{st('feedEmpty')}</p>}>
        <ol class="feed-list" data-testid="feed">
          <For each={props.entries}>
            {(entry) => (
              <li data-take={entry.takeId} data-state={entry.deleted ? 'deleted' : entry.state}>
                <time datetime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
                <span class={`state state-${entry.deleted ? 'deleted' : entry.state}`}>
                  {entry.deleted
                    ? st('feedDeleted')
                    : entry.reviewed
                      ? st('feedReviewed', { review: st(`review_${entry.review}`) })
                      : st(`state_${entry.state}`)}
                </span>
                <span class="tag emotion">{t(entry.emotion)}</span>
                <code title={entry.speakerId}>{shortId(entry.speakerId)}</code>
                <Show when={!entry.deleted && (entry.state === 'saved' || entry.state === 'failed')}>
                  <a href={`/review?take=${entry.takeId}`} aria-label={`${st('openInReview')} ${shortId(entry.takeId)}`}>
                    {st('openInReview')}
                  </a>
                </Show>
                <Show when={entry.state === 'saved' && !entry.reviewed}>
                  <RedoButton takeId={entry.takeId} />
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
