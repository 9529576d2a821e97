// The other replicas' sessions, through the Socket.IO adapter: asked for on every monitor connect
// (serverSideEmit with an ack), relayed in one message per tick as they change, and heard as heartbeats so
// that the sessions of a replica that died without saying goodbye are reported disconnected. With the
// in-memory adapter there are no peers.
import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import type { Logger } from '../logger.js';
import type { Session } from '../protocol/index.js';
import { STALE_AFTER_MS } from '../supervisors/live-sessions.js';
import { hasPeers } from './local-first-emit.js';

const ASK_SESSIONS = 'monitor:peer-sessions?';
const HEARTBEAT = 'monitor:peer-heartbeat';
const ACCOUNT_DISABLED = 'monitor:peer-account-disabled';
const TOKEN_REVOKED = 'monitor:peer-token-revoked';
const RELAY = 'monitor:peer-session-updates';
export const HEARTBEAT_MS = 10_000;

interface Peer {
  sessions: Session[];
  heardAt: number;
}

type Untyped = {
  on(event: string, listener: (...args: unknown[]) => void): void;
  serverSideEmit(event: string, ...args: unknown[]): boolean;
  serverSideEmitWithAck(event: string, ...args: unknown[]): Promise<unknown[]>;
};

export function monitorPeers(
  nsp: Namespace,
  local: {
    sessions: () => Session[];
    accountDisabled: (userId: string) => void;
    tokenRevoked: (tokenId: string) => void;
    deliver: (sessions: Session[]) => void;
  },
  log: Logger,
  askTimeoutMs = 1_500,
) {
  const replicaId = randomUUID();
  const peers = new Map<string, Peer>();
  const untyped = nsp as unknown as Untyped;

  untyped.on(ASK_SESSIONS, (...args) => {
    const ack = args[args.length - 1];
    if (typeof ack === 'function') (ack as (sessions: Session[]) => void)(local.sessions());
  });
  untyped.on(HEARTBEAT, (message) => {
    const { replicaId: from, sessions } = (message ?? {}) as { replicaId?: string; sessions?: Session[] };
    if (typeof from === 'string' && Array.isArray(sessions) && from !== replicaId) peers.set(from, { sessions, heardAt: Date.now() });
  });

  untyped.on(ACCOUNT_DISABLED, (userId) => {
    if (typeof userId === 'string') local.accountDisabled(userId);
  });
  untyped.on(TOKEN_REVOKED, (tokenId) => {
    if (typeof tokenId === 'string') local.tokenRevoked(tokenId);
  });
  untyped.on(RELAY, (sessions) => {
    if (Array.isArray(sessions)) local.deliver(sessions as Session[]);
  });

  return {
    /** Every other replica's sessions; a replica that does not answer in time is left out. */
    async collect(): Promise<Session[]> {
      if (!(await hasPeers(nsp))) return [];
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('peers did not answer'), { responses: [] })), askTimeoutMs);
      });
      try {
        const responses = await Promise.race([untyped.serverSideEmitWithAck(ASK_SESSIONS), timeout]);
        return responses.flat() as Session[];
      } catch (error) {
        log.warn({ err: error }, 'some replicas did not report their sessions');
        return ((error as { responses?: unknown[] }).responses ?? []).flat() as Session[];
      } finally {
        clearTimeout(timer);
      }
    },

    /**
     * One message per replica, each ending its own sockets: a room emit followed by disconnectSockets()
     * could reach a replica in the other order (the adapter publishes them separately).
     */
    async accountDisabled(userId: string): Promise<void> {
      if (await hasPeers(nsp)) untyped.serverSideEmit(ACCOUNT_DISABLED, userId);
    },

    /** A logout: each replica ends that token's sockets. */
    async tokenRevoked(tokenId: string): Promise<void> {
      if (await hasPeers(nsp)) untyped.serverSideEmit(TOKEN_REVOKED, tokenId);
    },

    /** This replica's session changes for the other replicas' monitors: one adapter message, not one per session. */
    async relay(sessions: Session[]): Promise<void> {
      if (sessions.length > 0 && (await hasPeers(nsp))) untyped.serverSideEmit(RELAY, sessions);
    },

    async heartbeat(): Promise<void> {
      if (await hasPeers(nsp)) untyped.serverSideEmit(HEARTBEAT, { replicaId, sessions: local.sessions() });
    },

    /** Sessions of replicas silent for STALE_AFTER_MS, unless a live replica (or this one) still has the speaker. */
    takeLost(isLocal: (speakerId: string) => boolean, now = Date.now()): Session[] {
      const lost: Session[] = [];
      const fresh = new Set<string>();
      for (const [id, peer] of peers) {
        if (now - peer.heardAt < STALE_AFTER_MS) peer.sessions.forEach((session) => fresh.add(session.speakerId));
        else {
          peers.delete(id);
          lost.push(...peer.sessions.filter((session) => session.connected));
        }
      }
      return lost
        .filter((session) => !fresh.has(session.speakerId) && !isLocal(session.speakerId))
        .map((session) => ({ ...session, connected: false }));
    },
  };
}

/** One Session per speaker: a connected one wins, then the most recently seen. */
export function mergeSessions(sessions: Session[]): Session[] {
  const bySpeaker = new Map<string, Session>();
  for (const session of sessions) {
    const held = bySpeaker.get(session.speakerId);
    const better =
      !held ||
      (session.connected && !held.connected) ||
      (session.connected === held.connected && session.lastSeenAt > held.lastSeenAt);
    if (better) bySpeaker.set(session.speakerId, session);
  }
  return [...bySpeaker.values()];
}
