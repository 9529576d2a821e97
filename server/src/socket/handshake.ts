// The one socket handshake: the token in `auth.token` must resolve to an identity of the namespace's kind.
// Connect errors are the contract's codes: UNAUTHORIZED, FORBIDDEN, and UNAVAILABLE when a dependency failed.
import type { Socket } from 'socket.io';
import type { Identity, ResolveIdentity } from '../auth/identity.js';
import type { Logger } from '../logger.js';

type Admit<K extends Identity['kind'], S extends Socket> = (identity: Extract<Identity, { kind: K }>, socket: S) => Error | void;

export function tokenHandshake<K extends Identity['kind'], S extends Socket>(
  /** For the log: "record", "monitor". */
  name: string,
  kind: K,
  resolveIdentity: ResolveIdentity,
  log: Logger,
  /** Stores what the socket needs in socket.data, or refuses it with an Error. */
  admit: Admit<K, S>,
) {
  return async (socket: S, next: (error?: Error) => void): Promise<void> => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const identity = await resolveIdentity(typeof token === 'string' ? token : null);
      if (!identity) return next(new Error('UNAUTHORIZED'));
      if (identity.kind !== kind) return next(new Error('FORBIDDEN'));
      next(admit(identity as Extract<Identity, { kind: K }>, socket) ?? undefined);
    } catch (error) {
      log.error({ err: error }, `${name} handshake failed`);
      next(new Error('UNAVAILABLE'));
    }
  };
}
