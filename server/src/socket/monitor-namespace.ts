// Socket.IO /monitor: supervisors watch sessions and takes live. This replica's monitors hear a session change
// at once; the other replicas' get this replica's changes relayed once per tick (monitor-peers.ts).
import { isLive, type ResolveIdentity } from '../auth/identity.js';
import type { TakeReviewRepository } from '../db/take-review-repository.js';
import { toTakeJson } from '../db/take-row.js';
import type { UserRepository } from '../db/user-repository.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import { MONITOR_NAMESPACE, type MonitorSnapshot, type Session } from '../protocol/index.js';
import { LiveSessions } from '../supervisors/live-sessions.js';
import type { LiveTakes } from '../takes/live-takes.js';
import type { SpeakerCampaigns } from './campaign-events.js';
import { answerUnknownEvents } from './ack-handler.js';
import { tokenHandshake } from './handshake.js';
import { HEARTBEAT_MS, mergeSessions, monitorPeers } from './monitor-peers.js';
import { speakerRoom } from './record-namespace.js';
import { monitorNamespace, recordNamespace, type AppServer, type MonitorSocket, type SupervisorData } from './typed-io.js';

export interface MonitorNamespaceDeps {
  resolveIdentity: ResolveIdentity;
  users: UserRepository;
  takes: TakeReviewRepository;
  live: LiveTakes;
  log: Logger;
  metrics: Metrics;
  /** How often live sockets are checked for a disabled account (token expiry has its own timer). */
  authCheckMs?: number;
  /** Each speaker's campaign, for Session.campaign. */
  campaigns?: SpeakerCampaigns;
}

const RECENT_TAKES = 50;
const TICK_MS = 250;
const SWEEP_MS = 5_000;
const MAX_TIMER_MS = 2_147_483_647;

export function attachMonitorNamespace(io: AppServer, deps: MonitorNamespaceDeps) {
  const nsp = monitorNamespace(io);
  const record = recordNamespace(io);
  const sessions = new LiveSessions(deps.live, (speakerId) => deps.campaigns?.get(speakerId) ?? null);
  const showHere = (session: Session) => nsp.local.emit('monitor:session', session);
  const deliver = (updates: Session[]) => updates.forEach(showHere);
  const peers = monitorPeers(
    nsp,
    { sessions: () => sessions.all(), accountDisabled: (userId) => endAccount(userId), tokenRevoked: (tokenId) => endToken(tokenId), deliver },
    deps.log,
  );
  let outbox: Session[] = [];
  const publish = (session: Session) => {
    showHere(session);
    outbox.push(session);
  };
  if (deps.campaigns) {
    deps.campaigns.changed = (speakerId) => {
      const session = sessions.session(speakerId);
      if (session) publish(session);
    };
  }
  const relay = () => {
    const updates = outbox;
    outbox = [];
    peers.relay(updates).catch((error: unknown) => deps.log.warn({ err: error }, 'monitor relay failed'));
  };

  // Per socket, so that session:expired is written before the connection closes.
  const expire = (socket: MonitorSocket, why: string) => {
    socket.emit('session:expired', { code: 'UNAUTHORIZED', message: why });
    socket.disconnect(true);
  };
  const endAccount = (userId: string) => {
    for (const socket of nsp.sockets.values()) {
      if ((socket.data.supervisor as SupervisorData).userId === userId) expire(socket, 'The account is disabled');
    }
  };
  const endToken = (tokenId: string) => {
    for (const socket of nsp.sockets.values()) {
      if ((socket.data.supervisor as SupervisorData).tokenId === tokenId) expire(socket, 'Logged out');
    }
  };

  nsp.use(
    tokenHandshake('monitor', 'supervisor', deps.resolveIdentity, deps.log, ({ userId, expiresAt, tokenId, epoch }, socket: MonitorSocket) => {
      socket.data.supervisor = { userId, expiresAt, tokenId, epoch };
    }),
  );

  nsp.on('connection', (socket) => {
    const supervisor = socket.data.supervisor as SupervisorData;
    deps.metrics.connectedSockets.inc({ namespace: MONITOR_NAMESPACE });
    const expiry = setTimeout(
      () => expire(socket, 'The session has expired'),
      Math.min(Math.max(0, supervisor.expiresAt.getTime() - Date.now()), MAX_TIMER_MS),
    );
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      deps.metrics.connectedSockets.dec({ namespace: MONITOR_NAMESPACE });
    });
    answerUnknownEvents(socket, new Set());
    void snapshot()
      .then((value) => socket.emit('monitor:snapshot', value))
      .catch((error: unknown) => {
        deps.log.error({ err: error }, 'monitor snapshot failed');
        socket.disconnect(true);
      });
  });

  async function snapshot(): Promise<MonitorSnapshot> {
    const [remote, recent] = await Promise.all([peers.collect(), deps.takes.recent(RECENT_TAKES)]);
    return { sessions: mergeSessions([...sessions.all(), ...remote]), recent: recent.map(toTakeJson) };
  }

  // Speakers: presence on connect/disconnect, and "heard from" on every packet (chunks and pongs).
  record.on('connection', (socket) => {
    const speaker = socket.data.speaker;
    if (!speaker) return;
    publish(sessions.connect(speaker));
    deps.campaigns?.connected(speaker.id).catch((error: unknown) => deps.log.warn({ err: error }, 'speaker campaign lookup failed'));
    const onPacket = () => {
      if (sessions.heard(speaker.id)) publish(sessions.session(speaker.id)!);
    };
    socket.conn.on('packet', onPacket);
    socket.on('disconnect', () => {
      socket.conn.off('packet', onPacket);
      const { remaining, session } = sessions.disconnect(speaker.id);
      if (remaining > 0 || !session) return;
      deps.campaigns?.forget(speaker.id);
      // The speaker may still be connected to another replica: then that replica speaks for it.
      record
        .in(speakerRoom(speaker.id))
        .fetchSockets()
        .then((elsewhere) => elsewhere.length === 0, () => true)
        .then((gone) => {
          if (gone && !sessions.has(speaker.id)) publish(session);
        })
        .catch((error: unknown) => deps.log.warn({ err: error }, 'monitor presence update failed'));
    });
  });

  const timers = [
    setInterval(() => {
      sessions.due().forEach(publish);
      relay();
    }, TICK_MS),
    setInterval(() => {
      sessions.newlyStale().forEach(publish);
      // Each replica tells its own monitors about a dead peer's speakers, so nobody hears it twice.
      peers.takeLost((id) => sessions.has(id)).forEach((session) => nsp.local.emit('monitor:session', session));
    }, SWEEP_MS),
    setInterval(() => void peers.heartbeat().catch((error: unknown) => deps.log.warn({ err: error }, 'monitor heartbeat failed')), HEARTBEAT_MS),
    setInterval(() => void checkAccounts().catch((error: unknown) => deps.log.warn({ err: error }, 'monitor account check failed')), deps.authCheckMs ?? 30_000),
  ];
  timers.forEach((timer) => timer.unref());

  /** Dead tokens (disabled account, logged out, expired) lose their live sockets: a backstop for changes made elsewhere, e.g. SQL. */
  async function checkAccounts(): Promise<void> {
    const byToken = new Map<string, MonitorSocket[]>();
    for (const socket of nsp.sockets.values()) {
      const { userId, tokenId } = socket.data.supervisor as SupervisorData;
      const key = `${userId}:${tokenId ?? ''}`;
      byToken.set(key, [...(byToken.get(key) ?? []), socket]);
    }
    for (const sockets of byToken.values()) {
      const { userId, tokenId } = sockets[0]!.data.supervisor as SupervisorData;
      const user = await deps.users.findForToken(userId, tokenId);
      for (const socket of sockets) {
        const supervisor = socket.data.supervisor as SupervisorData;
        if (!user || !isLive(user, supervisor)) expire(socket, user?.disabled !== false ? 'The account is disabled' : 'Logged out');
        else if (supervisor.expiresAt.getTime() <= Date.now()) expire(socket, 'The session has expired');
      }
    }
  }

  return {
    /** Ends the account's monitor sockets on every replica, now. */
    disconnectUser(userId: string): void {
      endAccount(userId);
      peers.accountDisabled(userId).catch((error: unknown) => deps.log.warn({ err: error }, 'could not tell other replicas of a disabled account'));
    },
    /** Ends the sockets of one logged-out token on every replica (all of the account's for a token without an ID). */
    disconnectToken(identity: { userId: string; tokenId: string | null }): void {
      if (!identity.tokenId) return this.disconnectUser(identity.userId);
      endToken(identity.tokenId);
      peers.tokenRevoked(identity.tokenId).catch((error: unknown) => deps.log.warn({ err: error }, 'could not tell other replicas of a logout'));
    },
    close(): void {
      timers.forEach(clearInterval);
    },
  };
}
/** What the rest of the server may ask of /monitor: end sockets of a disabled account or a logged-out token. */
export type MonitorControl = ReturnType<typeof attachMonitorNamespace>;
