import { describe, expect, it } from 'vitest';
import type { CurrentTake, Session, TakeJson } from '@emovox/server/protocol';
import { counters, emptyBoard, levelPercent, reduceBoard, visibleSessions, type Board, type BoardEvent } from './board';
import { takeJson } from '../../../test-support/take-json';
import { makeServerClock } from './server-clock';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function session(speakerId: string, over: Partial<Session> = {}, take: Partial<CurrentTake> | null = null): Session {
  return {
    speakerId,
    connected: true,
    locale: 'en',
    lastSeenAt: iso(T0),
    currentTake: take && {
      takeId: 'take-1',
      sentenceId: 'sentence-1',
      emotion: 'joy',
      state: 'recording',
      receivedSeq: -1,
      bytes: 0,
      startedAt: iso(T0),
      lastChunkAt: null,
      peak: null,
      ackMsP50: null,
      ...take,
    },
    campaign: null,
    ...over,
  };
}

const take = (takeId: string, over: Partial<TakeJson> = {}): TakeJson =>
  takeJson(takeId, {
    speakerId: 'spk-a',
    sentenceId: 'sentence-1',
    durationMs: 4200,
    quality: null,
    createdAt: iso(T0 - 60_000),
    savedAt: iso(T0 - 55_000),
    ...over,
  });

const run = (events: BoardEvent[], from: Board = emptyBoard) => events.reduce(reduceBoard, from);

describe('monitor board', () => {
  it('when the snapshot arrives, then its sessions are on the board and its recent takes fill the feed newest first', () => {
    const board = run([
      {
        kind: 'snapshot',
        snapshot: {
          sessions: [session('spk-a'), session('spk-b', {}, { receivedSeq: 2, bytes: 9000 })],
          recent: [take('t-new', { savedAt: iso(T0 - 10_000) }), take('t-old', { savedAt: iso(T0 - 20 * 60_000), createdAt: iso(T0 - 21 * 60_000) })],
        },
      },
    ]);
    expect(Object.keys(board.sessions).sort()).toEqual(['spk-a', 'spk-b']);
    expect(board.feed.map((entry) => entry.takeId)).toEqual(['t-new', 't-old']);
    expect(counters(board, T0)).toEqual({ active: 2, recording: 1, savedRecently: 1, failedRecently: 0 });
  });

  it('when session pushes come while a take records, then the card shows chunks received, bytes, latency, level and elapsed time', () => {
    const board = run([
      { kind: 'snapshot', snapshot: { sessions: [], recent: [] } },
      { kind: 'session', session: session('spk-a') },
      { kind: 'session', session: session('spk-a', { lastSeenAt: iso(T0 + 2500) }, { receivedSeq: 7, bytes: 38_400, lastChunkAt: iso(T0 + 2500), peak: 0.5, ackMsP50: 12 }) },
    ]);
    const [view] = visibleSessions(board, T0 + 3000);
    expect(view).toMatchObject({ speakerId: 'spk-a', link: 'connected', take: { chunks: 8, bytes: 38_400, ackMs: 12, elapsedMs: 3000, state: 'recording' } });
    expect(view!.take!.levelPercent).toBe(levelPercent(0.5));
    // No chunk for a while: the level falls to zero rather than freezing.
    expect(visibleSessions(board, T0 + 10_000)[0]!.take!.levelPercent).toBe(0);
  });

  it('when take events follow a take from recording to saved, then the feed holds each change once, newest first, and the session is no longer recording', () => {
    const recording = take('take-1', { state: 'recording', savedAt: null, durationMs: null });
    const board = run([
      { kind: 'snapshot', snapshot: { sessions: [], recent: [] } },
      { kind: 'session', session: session('spk-a', {}, { receivedSeq: 3 }) },
      { kind: 'take', take: recording, at: T0 },
      { kind: 'take', take: recording, at: T0 + 100 },
      { kind: 'take', take: { ...recording, state: 'finalizing' }, at: T0 + 5000 },
      { kind: 'take', take: take('take-1', { savedAt: iso(T0 + 5100) }), at: T0 + 5100 },
    ]);
    expect(board.feed.map((entry) => entry.state)).toEqual(['saved', 'finalizing', 'recording']);
    expect(board.sessions['spk-a']!.currentTake).toBeNull();
    expect(counters(board, T0 + 6000)).toMatchObject({ recording: 0, savedRecently: 1 });
    expect(visibleSessions(board, T0 + 6000)[0]!.lastTake).toMatchObject({ takeId: 'take-1', state: 'saved' });

    // A late session tick from another replica still naming the take as current does not bring it back.
    const late = reduceBoard(board, { kind: 'session', session: session('spk-a', {}, { receivedSeq: 9 }) });
    expect(late.sessions['spk-a']!.currentTake).toBeNull();
  });

  it('when a saved take is reviewed, then the feed says so and it still counts as saved when it was saved, not when reviewed', () => {
    const saved = take('t1', { savedAt: iso(T0 - 9 * 60_000) });
    const board = run([
      { kind: 'snapshot', snapshot: { sessions: [], recent: [saved] } },
      { kind: 'take', take: { ...saved, review: 'accepted' }, at: T0 },
    ]);
    expect(board.feed[0]).toMatchObject({ takeId: 't1', reviewed: true, review: 'accepted' });
    expect(counters(board, T0).savedRecently).toBe(1);
    expect(counters(board, T0 + 2 * 60_000).savedRecently).toBe(0);
  });

  it('when takes fail, then the failure counter counts those of the last 10 minutes', () => {
    const board = run([
      { kind: 'take', take: take('f1', { state: 'failed', savedAt: null }), at: T0 },
      { kind: 'take', take: take('f2', { state: 'failed', savedAt: null }), at: T0 - 11 * 60_000 },
    ]);
    expect(counters(board, T0).failedRecently).toBe(1);
  });

  it('when a speaker disconnects, then it reads reconnecting, then disconnected, then leaves the board', () => {
    const board = run([{ kind: 'session', session: session('spk-a', { connected: false, lastSeenAt: iso(T0) }) }]);
    expect(visibleSessions(board, T0 + 5_000)[0]!.link).toBe('reconnecting');
    expect(visibleSessions(board, T0 + 2 * 60_000)[0]!.link).toBe('disconnected');
    expect(visibleSessions(board, T0 + 10 * 60_000)).toEqual([]);
    expect(counters(board, T0).active).toBe(0);
  });

  it('when a reconnect brings a new snapshot, then sessions are replaced but the feed keeps its history', () => {
    const first = run([
      { kind: 'snapshot', snapshot: { sessions: [session('spk-a')], recent: [take('t1')] } },
      { kind: 'take', take: take('t2', { state: 'failed', savedAt: null }), at: T0 },
    ]);
    const again = reduceBoard(first, { kind: 'snapshot', snapshot: { sessions: [session('spk-b')], recent: [take('t1')] } });
    expect(Object.keys(again.sessions)).toEqual(['spk-b']);
    expect(again.feed.map((entry) => entry.takeId)).toEqual(['t2', 't1']);
  });

  it('when peaks are given, then the level bar maps -60..0 dBFS onto 0..100', () => {
    expect(levelPercent(null)).toBe(0);
    expect(levelPercent(0)).toBe(0);
    expect(levelPercent(1)).toBe(100);
    expect(levelPercent(0.001)).toBe(0);
    expect(levelPercent(0.1)).toBe(67);
  });

  it('when the browser clock is off, then the server clock follows the smallest gap seen', () => {
    const clock = makeServerClock();
    clock.observe(iso(T0), T0 + 60_000 + 40);
    clock.observe(iso(T0 + 1000), T0 + 61_000 + 10);
    expect(clock.now(T0 + 70_000)).toBe(T0 + 10_000 - 10);
  });
});
