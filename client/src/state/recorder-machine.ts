import type { TakeState } from '@emovox/server/protocol';

/**
 * The recorder's phases, as the speaker sees them. A plain module so it can be tested without a
 * browser: every change goes through `transition`, which refuses what the phase does not allow.
 */
export type Phase =
  | 'idle' // a sentence is shown; nothing is recording
  | 'opening' // asking for the microphone
  | 'recording'
  | 'paused'
  | 'stopping' // recorder stopped; the last chunks are on their way
  | 'finalizing' // server acknowledged stop and is converting
  | 'saved'
  | 'failed'
  | 'discarding'
  | 'recovering'; // completing a take left by a page reload

export type RecorderEvent =
  | { type: 'record' }
  | { type: 'micReady' }
  | { type: 'micFailed' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'serverState'; state: TakeState }
  | { type: 'fail' }
  | { type: 'discard' }
  | { type: 'discarded' }
  | { type: 'next' }
  | { type: 'recover' };

function fromServer(phase: Phase, state: TakeState): Phase | null {
  switch (state) {
    case 'recording':
      return null; // the client knows better whether it is paused
    case 'finalizing':
      return phase === 'stopping' || phase === 'recovering' ? 'finalizing' : null;
    case 'saved':
      return phase === 'stopping' || phase === 'finalizing' || phase === 'recovering' ? 'saved' : null;
    case 'failed':
      return phase === 'stopping' || phase === 'finalizing' || phase === 'recovering' ? 'failed' : null;
    case 'discarded':
      return phase === 'discarding' ? 'idle' : null;
  }
}

/** The next phase, or null when the event is not allowed in this phase. */
export function transition(phase: Phase, event: RecorderEvent): Phase | null {
  switch (event.type) {
    case 'record':
      return phase === 'idle' ? 'opening' : null;
    case 'micReady':
      return phase === 'opening' ? 'recording' : null;
    case 'micFailed':
      return phase === 'opening' ? 'idle' : null;
    case 'pause':
      return phase === 'recording' ? 'paused' : null;
    case 'resume':
      return phase === 'paused' ? 'recording' : null;
    case 'stop':
      return phase === 'recording' || phase === 'paused' ? 'stopping' : null;
    case 'serverState':
      return fromServer(phase, event.state);
    case 'fail':
      return phase === 'idle' || phase === 'saved' ? null : 'failed';
    case 'discard':
      return phase === 'saved' || phase === 'failed' || phase === 'finalizing' ? 'discarding' : null;
    case 'discarded':
      return phase === 'discarding' ? 'idle' : null;
    case 'next':
      return phase === 'saved' || phase === 'failed' || phase === 'idle' ? 'idle' : null;
    case 'recover':
      return phase === 'idle' ? 'recovering' : null;
  }
}

/** A take is in progress: the sentence and emotion are locked. */
export function isBusy(phase: Phase): boolean {
  return phase !== 'idle' && phase !== 'saved' && phase !== 'failed';
}

/** What Space does: record from idle, stop while recording or paused. */
export function spaceAction(phase: Phase): 'record' | 'stop' | null {
  if (phase === 'idle') return 'record';
  if (phase === 'recording' || phase === 'paused') return 'stop';
  return null;
}

/** What P does. */
export function pauseAction(phase: Phase): 'pause' | 'resume' | null {
  if (phase === 'recording') return 'pause';
  if (phase === 'paused') return 'resume';
  return null;
}
