// The longest take, as the recorder sees it: it shows the limit, counts down the last seconds and stops by
// itself a little before the limit, so that the server (which refuses takes over it) never refuses an honest one.
// The stop it presses is followed by the post-roll (take-cues.ts), so it presses early enough for both.
import { POST_ROLL_MS } from './take-cues';

/** The server's default MAX_TAKE_SECONDS, used until the server has said otherwise. */
export const DEFAULT_MAX_TAKE_SECONDS = 60;
/** The automatic stop comes this long before the limit: the last chunk and the encoder's tail still fit under it. */
export const AUTO_STOP_MARGIN_MS = 500;
/** The countdown covers the last this many seconds. */
export const COUNTDOWN_SECONDS = 10;

/**
 * Recorded milliseconds (pauses excluded) at which the recorder presses Stop by itself: the post-roll then
 * still ends AUTO_STOP_MARGIN_MS before the limit. The countdown counts down to this press.
 */
export function autoStopAtMs(maxTakeSeconds: number): number {
  return Math.max(AUTO_STOP_MARGIN_MS, maxTakeSeconds * 1000 - AUTO_STOP_MARGIN_MS - POST_ROLL_MS);
}

/** Whole seconds left before the automatic stop, rounded up; null before the countdown begins. */
export function countdownSeconds(elapsedMs: number, maxTakeSeconds: number): number | null {
  const left = autoStopAtMs(maxTakeSeconds) - elapsedMs;
  if (left > COUNTDOWN_SECONDS * 1000) return null;
  return Math.max(0, Math.ceil(left / 1000));
}

/**
 * Screen readers hear the countdown twice, not every second: once as it begins and once in its last five
 * seconds. The stage changes only at those two points, so an aria-live region keyed on it stays quiet between.
 */
export function countdownStage(remaining: number | null): 'none' | 'begun' | 'last' {
  if (remaining === null) return 'none';
  return remaining > 5 ? 'begun' : 'last';
}
