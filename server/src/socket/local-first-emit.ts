// Local sockets first, then the other replicas. The cluster adapter delivers a broadcast to this replica's own
// sockets only after its NOTIFY has been through PostgreSQL; under load, that queue held 'saved' statuses back by
// seconds, many times the server-side work. So a change is emitted here at once, and published only when other
// replicas are known, as a copy that skips this replica's sockets.
import type { Namespace } from 'socket.io';

/** Emits to a room (or the whole namespace) on every replica, this replica's sockets first. */
export function emitLocalFirst(nsp: Namespace, room: string | null, event: string, payload: unknown): void {
  (room ? nsp.local.to(room) : nsp.local).emit(event, payload);
  void hasPeers(nsp).then((peers) => {
    if (!peers) return;
    const here = room ? [...(nsp.adapter.rooms.get(room) ?? [])] : [...nsp.adapter.sids.keys()];
    (room ? nsp.to(room) : nsp).except(here).emit(event, payload);
  });
}

/** Whether other replicas share this one's adapter (heartbeats; a dead one counts until it times out). */
export async function hasPeers(nsp: Namespace): Promise<boolean> {
  return (await nsp.adapter.serverCount()) > 1;
}
