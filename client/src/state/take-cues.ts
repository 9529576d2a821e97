// Pre-roll and post-roll, the way supervised recording tools do it (BAS SpeechRecorder's traffic light): the take
// streams from the moment Record is pressed, but the prompt says "get ready" for PRE_ROLL_MS before "speak now";
// after Stop, recording goes on for POST_ROLL_MS before the real stop. Nothing is recorded before Record. The two
// marks (ms of recorded audio, pauses excluded) go to the server with the take, so that a modeller can trim.

export const PRE_ROLL_MS = 500;
export const POST_ROLL_MS = 500;

/** What the prompt shows: amber, green, then "finishing" during the post-roll. */
export type Cue = 'ready' | 'speak' | 'finishing';

export interface TakeMarks {
  /** When the prompt turned to "speak now"; null when Stop came first. */
  speakAtMs: number | null;
  stopPressedAtMs: number | null;
}

/** The marks a stop carries: only those that are known (the server stores null for the others). */
export function definedMarks(marks: Partial<TakeMarks>): { speakAtMs?: number; stopPressedAtMs?: number } {
  return {
    ...(typeof marks.speakAtMs === 'number' ? { speakAtMs: marks.speakAtMs } : {}),
    ...(typeof marks.stopPressedAtMs === 'number' ? { stopPressedAtMs: marks.stopPressedAtMs } : {}),
  };
}

/** The smallest wait between two looks at the recorder's clock. */
const MIN_WAIT_MS = 10;

/** Both cues, driven by the recorder's own clock (`elapsed`: ms recorded so far, pauses excluded). */
export class TakeCues {
  private speakAtMs: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private paused = false;

  constructor(
    private readonly elapsed: () => number,
    private readonly onCue: (cue: Cue) => void,
  ) {}

  start(): void {
    this.onCue('ready');
    this.schedule();
  }

  /** A pause holds the pre-roll where it is: the speaker is not told to speak while nothing records. */
  pause(): void {
    this.paused = true;
    this.clear();
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  /**
   * Stop was pressed: the marks, once the post-roll has been recorded. A take stopped while paused records no
   * post-roll (the speaker was not speaking).
   */
  async stop(): Promise<TakeMarks> {
    this.clear();
    const stopPressedAtMs = Math.round(this.elapsed());
    this.onCue('finishing');
    if (!this.paused) await this.until(stopPressedAtMs + POST_ROLL_MS);
    return { speakAtMs: this.speakAtMs, stopPressedAtMs };
  }

  dispose(): void {
    this.clear();
  }

  private schedule(): void {
    this.clear();
    if (this.speakAtMs !== null || this.paused) return;
    const left = PRE_ROLL_MS - this.elapsed();
    if (left <= 0) {
      this.speakAtMs = Math.round(this.elapsed());
      this.onCue('speak');
      return;
    }
    this.timer = setTimeout(() => this.schedule(), Math.max(MIN_WAIT_MS, left));
  }

  /** Resolves once the recorder's clock reaches `ms`. */
  private until(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const look = () => {
        const left = ms - this.elapsed();
        if (left <= 0) return resolve();
        setTimeout(look, Math.max(MIN_WAIT_MS, left));
      };
      look();
    });
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
