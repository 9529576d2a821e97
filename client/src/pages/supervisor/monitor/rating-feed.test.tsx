import { render, screen } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../lib/i18n';
import type { MonitorRating } from '../../../lib/listen-types';
import { pushRating, RATING_FEED_MAX, RatingFeed } from './RatingFeed';

const rating = (n: number, over: Partial<MonitorRating> = {}): MonitorRating => ({
  takeId: `take-${n}-0000-0000`,
  sentenceText: `Sentence ${n}.`,
  intended: 'joy',
  heard: 'anger',
  ratings: 3,
  perceivedEmotion: 'anger',
  agreement: 2 / 3,
  at: '2026-11-29T10:00:00.000Z',
  ...over,
});

describe('the live rating feed', () => {
  beforeEach(() => setLocale('en'));

  it('when ratings keep arriving, then the newest comes first and the feed stays bounded', () => {
    let feed: MonitorRating[] = [];
    for (let n = 1; n <= RATING_FEED_MAX + 5; n++) feed = pushRating(feed, rating(n));
    expect(feed).toHaveLength(RATING_FEED_MAX);
    expect(feed[0]!.sentenceText).toBe(`Sentence ${RATING_FEED_MAX + 5}.`);
    expect(feed.at(-1)!.sentenceText).toBe('Sentence 6.');
  });

  it('when a rating is shown, then it says what was heard and meant, the consensus after it, and links to the take in review', () => {
    render(() => <RatingFeed entries={[rating(2, { heard: 'other', perceivedEmotion: null, agreement: 0.5, ratings: 2 }), rating(1)]} />);
    const items = [...screen.getByTestId('rating-feed').querySelectorAll('li')];
    expect(items[0]!.textContent).toContain('heard Other, meant Joy');
    expect(items[0]!.textContent).toContain('2 ratings · No plurality (tie) 50%');
    expect(items[1]!.textContent).toContain('3 ratings · Anger 67%');
    expect(items[1]!.querySelector('a')!.getAttribute('href')).toBe('/review?take=take-1-0000-0000');
    expect(screen.getByRole('log')).toBeTruthy();
  });

  it('when nothing has arrived, then the feed says so and what will appear', () => {
    render(() => <RatingFeed entries={[]} />);
    expect(screen.getByText(/No rating since this page opened/)).toBeTruthy();
  });
});
