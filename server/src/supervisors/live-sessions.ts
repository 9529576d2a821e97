// The speakers connected to THIS replica, as the monitor's Session objects. Other replicas keep their
// own; the monitor namespace merges them through the Socket.IO adapter.
import type { Speaker } from '../db/speaker-repository.js';
import type { Session, SessionCampaign } from '../protocol/index.js';
import { median, type LiveTake, type LiveTakes } from '../takes/live-takes.js';

interface LocalSpeaker {
  speaker: Speaker;
  sockets: number;
  lastSeenAt: number;
  stale: boolean;
  lastEmitAt: number;
  lastSignature: string;
}

/** At most 10 updates a second per speaker, and at least one a second while a take records. */
export const MIN_UPDATE_MS = 100;
export const MAX_UPDATE_MS = 1_000;
/** A speaker heard from by no replica for this long is reported disconnected. */
export const STALE_AFTER_MS = 30_000;

const signature = (take: LiveTake | undefined) =>
  take ? `${take.takeId}:${take.receivedSeq}:${take.bytes}:${take.peak}:${take.ackMs.length}:${take.lastChunkAt?.getTime()}` : '';

export class LiveSessions {
  private readonly speakers = new Map<string, LocalSpeaker>();

  constructor(
    private readonly live: LiveTakes,
    /** The speaker's campaign (v1.1), kept by socket/campaign-events.ts. */
    private readonly campaignOf: (speakerId: string) => SessionCampaign | null = () => null,
  ) {}

  connect(speaker: Speaker, now = Date.now()): Session {
    const entry = this.speakers.get(speaker.id);
    if (entry) {
      entry.sockets += 1;
      entry.lastSeenAt = now;
      entry.stale = false;
    } else {
      this.speakers.set(speaker.id, { speaker, sockets: 1, lastSeenAt: now, stale: false, lastEmitAt: now, lastSignature: '' });
    }
    return this.session(speaker.id)!;
  }

  /** The session as it stands once this socket is gone, and how many of the speaker's sockets remain here. */
  disconnect(speakerId: string): { remaining: number; session: Session | null } {
    const entry = this.speakers.get(speakerId);
    if (!entry) return { remaining: 0, session: null };
    entry.sockets -= 1;
    const session = this.session(speakerId);
    if (entry.sockets > 0) return { remaining: entry.sockets, session };
    this.speakers.delete(speakerId);
    return { remaining: 0, session: session && { ...session, connected: false } };
  }

  /** Any packet from the speaker (chunks, pongs). True when it had been reported stale: announce it again. */
  heard(speakerId: string, now = Date.now()): boolean {
    const entry = this.speakers.get(speakerId);
    if (!entry) return false;
    entry.lastSeenAt = now;
    if (!entry.stale) return false;
    entry.stale = false;
    return true;
  }

  session(speakerId: string): Session | null {
    const entry = this.speakers.get(speakerId);
    if (!entry) return null;
    const take = this.live.forSpeaker(speakerId);
    return {
      speakerId,
      connected: !entry.stale,
      locale: entry.speaker.locale,
      lastSeenAt: new Date(entry.lastSeenAt).toISOString(),
      currentTake: take
        ? {
            takeId: take.takeId,
            sentenceId: take.sentenceId,
            emotion: take.emotion,
            state: take.state,
            receivedSeq: take.receivedSeq,
            bytes: take.bytes,
            startedAt: take.startedAt.toISOString(),
            lastChunkAt: take.lastChunkAt?.toISOString() ?? null,
            peak: take.peak,
            ackMsP50: median(take.ackMs),
          }
        : null,
      campaign: this.campaignOf(speakerId),
    };
  }

  all(): Session[] {
    return [...this.speakers.keys()].map((id) => this.session(id)!);
  }

  /**
   * Sessions to push now: a recording take that changed (no sooner than MIN_UPDATE_MS after the last
   * push) or that has not been pushed for MAX_UPDATE_MS, and once more when the take is gone.
   */
  due(now = Date.now()): Session[] {
    const due: Session[] = [];
    for (const [id, entry] of this.speakers) {
      if (entry.stale) continue;
      const sig = signature(this.live.forSpeaker(id));
      const since = now - entry.lastEmitAt;
      const changed = sig !== entry.lastSignature;
      if ((sig !== '' && ((changed && since >= MIN_UPDATE_MS) || since >= MAX_UPDATE_MS)) || (sig === '' && changed)) {
        entry.lastEmitAt = now;
        entry.lastSignature = sig;
        due.push(this.session(id)!);
      }
    }
    return due;
  }

  /** Speakers not heard from for STALE_AFTER_MS, reported once each (connected: false). */
  newlyStale(now = Date.now()): Session[] {
    const stale: Session[] = [];
    for (const [id, entry] of this.speakers) {
      if (entry.stale || now - entry.lastSeenAt < STALE_AFTER_MS) continue;
      entry.stale = true;
      stale.push(this.session(id)!);
    }
    return stale;
  }

  has(speakerId: string): boolean {
    return this.speakers.has(speakerId);
  }
}
