import { describe, expect, it } from 'vitest';
import { POST_ROLL_MS } from './take-cues';
import { autoStopAtMs, countdownSeconds, countdownStage } from './take-limit';

describe('the longest take, as the recorder sees it', () => {
  it('when the limit is 60 s, then the recorder presses Stop by itself a second before it: its half-second post-roll then ends half a second before', () => {
    expect(autoStopAtMs(60)).toBe(59_000);
    expect(autoStopAtMs(3)).toBe(2_000);
    expect(autoStopAtMs(60) + POST_ROLL_MS).toBe(59_500);
  });

  it('when more than 10 s are left, then there is no countdown; in the last 10 s it counts whole seconds down to 0', () => {
    expect(countdownSeconds(0, 60)).toBeNull();
    expect(countdownSeconds(48_999, 60)).toBeNull();
    expect(countdownSeconds(49_000, 60)).toBe(10);
    expect(countdownSeconds(49_100, 60)).toBe(10);
    expect(countdownSeconds(50_000, 60)).toBe(9);
    expect(countdownSeconds(58_900, 60)).toBe(1);
    expect(countdownSeconds(59_000, 60)).toBe(0);
    expect(countdownSeconds(61_000, 60)).toBe(0);
  });

  it('when the limit is shorter than the countdown, then the countdown runs from the start', () => {
    expect(countdownSeconds(0, 3)).toBe(2); // the automatic Stop comes at 2 s, before the post-roll
  });

  it('when the countdown runs, then its stage changes only twice', () => {
    const stages = new Set<string>();
    for (let ms = 45_000; ms <= 60_000; ms += 100) stages.add(countdownStage(countdownSeconds(ms, 60)));
    expect([...stages]).toEqual(['none', 'begun', 'last']);
  });
});
