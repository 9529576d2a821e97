/** The timeslice asked of MediaRecorder; browsers may deliver chunks less often, in whole Opus frames. */
export const TIMESLICE_MS = 250;

export interface TakeRecorder {
  readonly mimeType: string;
  pause(): void;
  resume(): void;
  /** Milliseconds recorded so far, pauses excluded: the clock of the pre-roll and post-roll (take-cues.ts). */
  elapsed(): number;
  /** Stops; resolves after the last chunk was delivered, with the recorded duration (pauses excluded). */
  stop(): Promise<number>;
}

/** Starts MediaRecorder at once on the stream and hands every chunk over as it comes. */
export function makeTakeRecorder(stream: MediaStream, mimeType: string, onChunk: (blob: Blob) => void): TakeRecorder {
  const recorder = new MediaRecorder(stream, { mimeType });
  let activeSince = performance.now();
  let activeMs = 0;
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) onChunk(event.data);
  };
  const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
  recorder.start(TIMESLICE_MS);
  return {
    mimeType: recorder.mimeType || mimeType,
    pause() {
      if (recorder.state !== 'recording') return;
      recorder.pause();
      activeMs += performance.now() - activeSince;
    },
    resume() {
      if (recorder.state !== 'paused') return;
      recorder.resume();
      activeSince = performance.now();
    },
    elapsed() {
      return activeMs + (recorder.state === 'recording' ? performance.now() - activeSince : 0);
    },
    async stop() {
      if (recorder.state === 'recording') activeMs += performance.now() - activeSince;
      if (recorder.state !== 'inactive') recorder.stop();
      await stopped;
      return Math.round(activeMs);
    },
  };
}
