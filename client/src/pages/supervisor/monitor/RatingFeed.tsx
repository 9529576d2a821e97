import { For, Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { lp } from '../../../lib/i18n/perception';
import { st } from '../../../lib/i18n/supervisor';
import type { MonitorRating } from '../../../lib/listen-types';
import { formatTime, shortId } from '../format';
import { formatShare, heardName } from '../perception-format';
import '../perception.css';

/** How many ratings the feed keeps: the newest, the rest drop off the end. */
export const RATING_FEED_MAX = 30;

/** The feed after one more rating: newest first, bounded. */
export function pushRating(feed: MonitorRating[], rating: MonitorRating, max = RATING_FEED_MAX): MonitorRating[] {
  return [rating, ...feed].slice(0, max);
}

/** Ratings as they arrive (monitor:rating), each with the take's consensus after it and a link to review. */
export function RatingFeed(props: { entries: MonitorRating[] }) {
  return (
    <section class="card feed rating-feed" aria-labelledby="rating-feed-title">
      <h2 id="rating-feed-title">{lp('ratingFeedTitle')}</h2>
      <Show when={props.entries.length > 0} fallback={<p class="muted">{lp('ratingFeedEmpty')}</p>}>
        <ol class="feed-list" role="log" aria-labelledby="rating-feed-title" tabindex="0" data-testid="rating-feed">
          <For each={props.entries}>
            {(entry) => (
              <li data-take={entry.takeId} data-heard={entry.heard}>
                <time datetime={entry.at}>{formatTime(entry.at)}</time>
                <span class="tag emotion">{lp('ratingHeard', { heard: heardName(entry.heard), intended: t(entry.intended) })}</span>
                <span class="muted">
                  {lp('ratingConsensus', {
                    n: entry.ratings ?? 0,
                    perceived: entry.perceivedEmotion ? heardName(entry.perceivedEmotion) : lp('tie'),
                    pct: formatShare(entry.agreement),
                  })}
                </span>
                <a href={`/review?take=${entry.takeId}`} aria-label={`${st('openInReview')} ${shortId(entry.takeId)}`}>
                  {st('openInReview')}
                </a>
                <span class="rating-sentence">{entry.sentenceText}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
