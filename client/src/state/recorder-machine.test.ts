import { describe, expect, it } from 'vitest';
import { isBusy, pauseAction, spaceAction, transition, type Phase, type RecorderEvent } from './recorder-machine';

function run(start: Phase, events: RecorderEvent[]): Phase {
  return events.reduce<Phase>((phase, event) => {
    const next = transition(phase, event);
    if (next === null) throw new Error(`${event.type} refused in ${phase}`);
    return next;
  }, start);
}

describe('recorder state machine', () => {
  it('when a take goes record → pause → resume → stop → finalizing → saved, then every step is allowed', () => {
    expect(
      run('idle', [
        { type: 'record' },
        { type: 'micReady' },
        { type: 'pause' },
        { type: 'resume' },
        { type: 'stop' },
        { type: 'serverState', state: 'finalizing' },
        { type: 'serverState', state: 'saved' },
      ]),
    ).toBe('saved');
  });

  it('when the microphone is refused, then the recorder is idle again', () => {
    expect(run('idle', [{ type: 'record' }, { type: 'micFailed' }])).toBe('idle');
  });

  it('when paused, then pause and record are refused, and stop is allowed', () => {
    expect(transition('paused', { type: 'pause' })).toBeNull();
    expect(transition('paused', { type: 'record' })).toBeNull();
    expect(transition('paused', { type: 'stop' })).toBe('stopping');
  });

  it('when recording, then Record, Next and discard are refused', () => {
    for (const type of ['record', 'next', 'discard'] as const) expect(transition('recording', { type })).toBeNull();
  });

  it('when the server reports recording during a pause, then the phase stays paused', () => {
    expect(transition('paused', { type: 'serverState', state: 'recording' })).toBeNull();
  });

  it('when a saved take is re-recorded, then it goes through discarding back to idle', () => {
    expect(run('saved', [{ type: 'discard' }, { type: 'discarded' }])).toBe('idle');
    expect(run('saved', [{ type: 'discard' }, { type: 'serverState', state: 'discarded' }])).toBe('idle');
  });

  it('when a take was left by a reload, then recovery runs only from idle and ends saved or failed', () => {
    expect(run('idle', [{ type: 'recover' }, { type: 'serverState', state: 'finalizing' }, { type: 'serverState', state: 'saved' }])).toBe('saved');
    expect(run('idle', [{ type: 'recover' }, { type: 'fail' }])).toBe('failed');
    expect(transition('recording', { type: 'recover' })).toBeNull();
  });

  it('when the phase is saved, then a late failure cannot overwrite it', () => {
    expect(transition('saved', { type: 'fail' })).toBeNull();
    expect(transition('saved', { type: 'serverState', state: 'failed' })).toBeNull();
  });

  it('when Space is pressed, then it records from idle and stops while recording or paused', () => {
    expect(spaceAction('idle')).toBe('record');
    expect(spaceAction('recording')).toBe('stop');
    expect(spaceAction('paused')).toBe('stop');
    expect(spaceAction('finalizing')).toBeNull();
    expect(spaceAction('saved')).toBeNull();
  });

  it('when P is pressed, then it toggles pause only during a take', () => {
    expect(pauseAction('recording')).toBe('pause');
    expect(pauseAction('paused')).toBe('resume');
    expect(pauseAction('idle')).toBeNull();
  });

  it('when a take is in progress, then the sentence and emotion are locked', () => {
    const busy: Phase[] = ['opening', 'recording', 'paused', 'stopping', 'finalizing', 'discarding', 'recovering'];
    for (const phase of busy) expect(isBusy(phase)).toBe(true);
    for (const phase of ['idle', 'saved', 'failed'] as Phase[]) expect(isBusy(phase)).toBe(false);
  });
});
