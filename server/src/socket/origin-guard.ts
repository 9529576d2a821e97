// The Socket.IO handshake's Origin: a browser page may connect only from the server's own origin or one in
// CORS_ORIGINS, since a WebSocket upgrade is not subject to CORS. Clients that send no Origin (non-browser
// clients written from the contract, the load generator, tests) are not browsers acting for another site.
import type { Socket } from 'socket.io';

export function originGuard(allowed: readonly string[]) {
  const allowList = new Set(allowed.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  return (socket: Socket, next: (error?: Error) => void) => {
    const origin = socket.handshake.headers.origin;
    if (origin === undefined || isAllowed(origin, socket.handshake.headers.host, allowList)) return next();
    next(new Error('FORBIDDEN'));
  };
}

function isAllowed(origin: string, host: string | undefined, allowList: Set<string>): boolean {
  const normalized = origin.toLowerCase();
  if (allowList.has(normalized)) return true;
  try {
    // Same origin: the page was served by this host (TLS may end at the load balancer, so the scheme is not compared).
    return host !== undefined && new URL(normalized).host === host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file://) and anything unparseable
  }
}
