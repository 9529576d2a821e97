import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST_ROLL_MS, PRE_ROLL_MS, TakeCues, type Cue } from './take-cues';

// A fake recorder clock over vitest's fake timers: ms recorded, standing still while paused.
function fakeRecorder() {
  let recorded = 0;
  let since: number | null = Date.now();
  return {
    elapsed: () => recorded + (since === null ? 0 : Date.now() - since),
    pause() {
      recorded += Date.now() - (since ?? Date.now());
      since = null;
    },
    resume() {
      since = Date.now();
    },
  };
}

describe('take cues (pre-roll and post-roll)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('when a take starts, then "get ready" until the pre-roll has been recorded, then "speak now"; Stop gives the marks after the post-roll', async () => {
    const recorder = fakeRecorder();
    const cues: Cue[] = [];
    const take = new TakeCues(recorder.elapsed, (cue) => cues.push(cue));
    take.start();
    expect(cues).toEqual(['ready']);
    await vi.advanceTimersByTimeAsync(PRE_ROLL_MS - 1);
    expect(cues).toEqual(['ready']);
    await vi.advanceTimersByTimeAsync(1);
    expect(cues).toEqual(['ready', 'speak']);
    await vi.advanceTimersByTimeAsync(3_000);
    let marks: unknown = null;
    void take.stop().then((value) => (marks = value));
    expect(cues).toEqual(['ready', 'speak', 'finishing']);
    await vi.advanceTimersByTimeAsync(POST_ROLL_MS - 10);
    expect(marks).toBeNull(); // still recording the post-roll
    await vi.advanceTimersByTimeAsync(10);
    expect(marks).toEqual({ speakAtMs: PRE_ROLL_MS, stopPressedAtMs: 3_500 });
    expect(recorder.elapsed()).toBe(3_500 + POST_ROLL_MS);
  });

  it('when the speaker pauses during the pre-roll, then "speak now" waits for recorded time, not wall time', async () => {
    const recorder = fakeRecorder();
    const cues: Cue[] = [];
    const take = new TakeCues(recorder.elapsed, (cue) => cues.push(cue));
    take.start();
    await vi.advanceTimersByTimeAsync(200);
    recorder.pause();
    take.pause();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(cues).toEqual(['ready']);
    recorder.resume();
    take.resume();
    await vi.advanceTimersByTimeAsync(PRE_ROLL_MS - 200);
    expect(cues).toEqual(['ready', 'speak']);
    const marks = take.stop();
    await vi.advanceTimersByTimeAsync(POST_ROLL_MS);
    expect(await marks).toEqual({ speakAtMs: PRE_ROLL_MS, stopPressedAtMs: PRE_ROLL_MS });
  });

  it('when Stop comes during the pre-roll or while paused, then speakAtMs is null, and a paused take records no post-roll', async () => {
    const recorder = fakeRecorder();
    const take = new TakeCues(recorder.elapsed, () => undefined);
    take.start();
    await vi.advanceTimersByTimeAsync(300);
    recorder.pause();
    take.pause();
    expect(await take.stop()).toEqual({ speakAtMs: null, stopPressedAtMs: 300 });
  });
});
