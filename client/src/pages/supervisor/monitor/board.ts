// The live board's state: a pure reducer over what /monitor pushes (snapshot, then session and
// take events), and selectors that read it at a given time. No I/O here, so it is tested as is.
import type { Emotion, MonitorSnapshot, ReviewState, Session, TakeJson, TakeState } from '@emovox/server/protocol';

export const FEED_LIMIT = 100;
export const RECENT_WINDOW_MS = 10 * 60_000;
/** A disconnected speaker stays on the board this long, then leaves it. */
export const GONE_AFTER_MS = 5 * 60_000;
/** Past this without news a disconnected speaker reads "disconnected" rather than "reconnecting". */
export const RECONNECTING_FOR_MS = 60_000;
/** No chunk for this long: the level bar falls to zero (the speaker paused). */
const LEVEL_STALE_MS = 2_000;

export interface TakeSeen {
  takeId: string;
  speakerId: string;
  sentenceId: string;
  emotion: Emotion;
  state: TakeState;
  review: ReviewState;
  /** When this state began, as far as the board knows (ms since epoch); in the feed, when the change came. */
  at: number;
}

export interface FeedEntry extends TakeSeen {
  /** A review change rather than a state change. */
  reviewed: boolean;
  /** The take was deleted (monitor:deleted): it no longer exists, whatever state it was last seen in. */
  deleted?: boolean;
  key: string;
}

export interface Board {
  sessions: Record<string, Session>;
  takes: Record<string, TakeSeen>;
  lastTakeOf: Record<string, string>;
  feed: FeedEntry[];
}

export type BoardEvent =
  | { kind: 'snapshot'; snapshot: MonitorSnapshot }
  | { kind: 'session'; session: Session }
  | { kind: 'take'; take: TakeJson; at: number }
  | { kind: 'deleted'; takeId: string; at: number };

export const emptyBoard: Board = { sessions: {}, takes: {}, lastTakeOf: {}, feed: [] };

function seen(take: TakeJson, at: number): TakeSeen {
  const { takeId, speakerId, sentenceId, emotion, state, review } = take;
  return { takeId, speakerId, sentenceId, emotion, state, review, at };
}

/** Records one take's news; a repeat of what the board already knows changes nothing. */
function withTake(board: Board, next: TakeSeen): Board {
  const known = board.takes[next.takeId];
  if (known && known.state === next.state && known.review === next.review) return board;
  const reviewed = !!known && known.state === next.state;
  const entry: FeedEntry = { ...next, reviewed, key: `${next.takeId}:${next.state}:${next.review}:${next.at}` };
  const feed = [entry, ...board.feed].sort((a, b) => b.at - a.at).slice(0, FEED_LIMIT);
  // A review keeps the time the state began: "saved in the last 10 minutes" means saved, not reviewed.
  const stored = reviewed ? { ...next, at: known.at } : next;
  const lastKnown = board.takes[board.lastTakeOf[next.speakerId] ?? ''];
  const lastTakeOf = !lastKnown || lastKnown.takeId === next.takeId || lastKnown.at <= stored.at ? { ...board.lastTakeOf, [next.speakerId]: next.takeId } : board.lastTakeOf;
  return { ...board, takes: { ...board.takes, [next.takeId]: stored }, lastTakeOf, feed };
}

/**
 * A take never returns to `recording`, so once the board knows it left, a session still showing
 * it as current is stale (its own update may come later, from another replica).
 */
function settled(board: Board, session: Session): Session {
  const current = session.currentTake;
  const known = current ? board.takes[current.takeId] : undefined;
  return known && known.state !== 'recording' ? { ...session, currentTake: null } : session;
}

function settleAll(board: Board): Board {
  const sessions = Object.fromEntries(Object.values(board.sessions).map((session) => [session.speakerId, settled(board, session)]));
  return { ...board, sessions };
}

export function reduceBoard(board: Board, event: BoardEvent): Board {
  switch (event.kind) {
    case 'snapshot': {
      // Sent on every (re)connect: sessions are replaced, takes merged so the feed keeps its history.
      const sessions = Object.fromEntries(event.snapshot.sessions.map((session) => [session.speakerId, session]));
      const oldestFirst = [...event.snapshot.recent].reverse();
      // Each take dated by when it entered its state: a take that failed or was discarded long after it started
      // must not sort below its own earlier "recording" entry.
      const at = (take: TakeJson) => Date.parse(take.stateChangedAt ?? take.savedAt ?? take.createdAt);
      return settleAll(oldestFirst.reduce((acc, take) => withTake(acc, seen(take, at(take))), { ...board, sessions }));
    }
    case 'session':
      return { ...board, sessions: { ...board.sessions, [event.session.speakerId]: settled(board, event.session) } };
    case 'take': {
      const next = withTake(board, seen(event.take, event.at));
      const session = next.sessions[event.take.speakerId];
      return session ? { ...next, sessions: { ...next.sessions, [session.speakerId]: settled(next, session) } } : next;
    }
    case 'deleted':
      return withoutTake(board, event.takeId, event.at);
  }
}

/** A deleted take leaves the board: one last feed entry says so, and no session keeps it as current. */
function withoutTake(board: Board, takeId: string, at: number): Board {
  const known = board.takes[takeId];
  if (!known) return board;
  const { [takeId]: _gone, ...takes } = board.takes;
  const entry: FeedEntry = { ...known, at, reviewed: false, deleted: true, key: `${takeId}:deleted:${at}` };
  const feed = [entry, ...board.feed].slice(0, FEED_LIMIT);
  const sessions = Object.fromEntries(
    Object.values(board.sessions).map((session) => [session.speakerId, session.currentTake?.takeId === takeId ? { ...session, currentTake: null } : session]),
  );
  return { ...board, takes, feed, sessions };
}

/** 'left': the speaker's page said goodbye (Session.left), so it is not expected back. */
export type LinkState = 'connected' | 'reconnecting' | 'disconnected' | 'left';

export interface SessionView {
  speakerId: string;
  link: LinkState;
  locale: Session['locale'];
  take: null | {
    takeId: string;
    sentenceId: string;
    emotion: Emotion;
    state: TakeState;
    /** The recorder paused the take (take:pause): the elapsed time stands still. */
    paused: boolean;
    elapsedMs: number;
    /** 0..100, the chunk peak on a -60..0 dBFS scale. */
    levelPercent: number;
    chunks: number;
    bytes: number;
    ackMs: number | null;
  };
  lastTake: TakeSeen | null;
}

export function levelPercent(peak: number | null): number {
  if (peak === null || peak <= 0) return 0;
  const dbfs = 20 * Math.log10(Math.min(1, peak));
  return Math.round(Math.max(0, Math.min(100, ((dbfs + 60) / 60) * 100)));
}

export function sessionView(board: Board, session: Session, now: number): SessionView {
  const quietFor = now - Date.parse(session.lastSeenAt);
  const link: LinkState = session.connected ? 'connected' : session.left ? 'left' : quietFor < RECONNECTING_FOR_MS ? 'reconnecting' : 'disconnected';
  const current = session.currentTake;
  const fresh = current?.lastChunkAt ? now - Date.parse(current.lastChunkAt) < LEVEL_STALE_MS : false;
  return {
    speakerId: session.speakerId,
    link,
    locale: session.locale,
    take: current && {
      takeId: current.takeId,
      sentenceId: current.sentenceId,
      emotion: current.emotion,
      state: current.state,
      paused: current.paused === true,
      elapsedMs: elapsedMs(session, now),
      levelPercent: fresh ? levelPercent(current.peak) : 0,
      chunks: current.receivedSeq + 1,
      bytes: current.bytes,
      ackMs: current.ackMsP50,
    },
    lastTake: board.takes[board.lastTakeOf[session.speakerId] ?? ''] ?? null,
  };
}

/**
 * Recording time: the clock stops while the take is paused (and its finished pauses are left out), and when the
 * speaker is gone it stops at the last time they were heard from.
 */
function elapsedMs(session: Session, now: number): number {
  const current = session.currentTake!;
  let until = now;
  if (current.paused && current.pausedAt) until = Math.min(until, Date.parse(current.pausedAt));
  if (!session.connected) until = Math.min(until, Date.parse(session.lastSeenAt));
  return Math.max(0, until - Date.parse(current.startedAt) - (current.pausedMs ?? 0));
}

const rank = (view: SessionView) => (view.take?.state === 'recording' ? 0 : view.link === 'connected' ? 1 : 2);

/** Speakers worth showing, recording first, then connected, then those who dropped. */
export function visibleSessions(board: Board, now: number): SessionView[] {
  return Object.values(board.sessions)
    .filter((session) => session.connected || now - Date.parse(session.lastSeenAt) < GONE_AFTER_MS)
    .map((session) => sessionView(board, session, now))
    .sort((a, b) => rank(a) - rank(b) || a.speakerId.localeCompare(b.speakerId));
}

export interface Counters {
  active: number;
  recording: number;
  savedRecently: number;
  failedRecently: number;
}

export function counters(board: Board, now: number): Counters {
  const sessions = Object.values(board.sessions);
  const recent = Object.values(board.takes).filter((take) => now - take.at <= RECENT_WINDOW_MS);
  return {
    active: sessions.filter((session) => session.connected).length,
    // Only speakers still here: a take left behind by a speaker who went is not being recorded.
    recording: sessions.filter((session) => session.connected && session.currentTake?.state === 'recording').length,
    savedRecently: recent.filter((take) => take.state === 'saved').length,
    failedRecently: recent.filter((take) => take.state === 'failed').length,
  };
}
