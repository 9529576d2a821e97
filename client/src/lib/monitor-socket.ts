import { io, type Socket } from 'socket.io-client';
import type { Campaign } from './campaigns/types';
import { MONITOR_NAMESPACE, type MonitorClientEvents, type MonitorServerEvents } from '@emovox/server/protocol';


export interface MonitorHandlers {
  snapshot: MonitorServerEvents['monitor:snapshot'];
  session: MonitorServerEvents['monitor:session'];
  take: MonitorServerEvents['monitor:take'];
  /** A take was deleted (an addition to the contract). */
  deleted?: MonitorServerEvents['monitor:deleted'];
  /** A listener's rating was stored (monitor:rating). */
  rating?: MonitorServerEvents['monitor:rating'];
  /** `monitor:campaign` (v1.1): a campaign's progress changed. */
  campaign?: (campaign: Campaign) => void;
  /** The link to the server: live, or trying again after a drop. */
  link: (state: 'connecting' | 'live' | 'reconnecting') => void;
  /** The server refused or ended the token (connect_error UNAUTHORIZED/FORBIDDEN, or session:expired). */
  unauthorized: () => void;
}

/**
 * The supervisor's `/monitor` socket: everything is pushed by the server (a snapshot on every
 * connect, then session and take events), so nothing here polls. Returns the close function.
 */
export function makeMonitorSocket(token: string, on: MonitorHandlers, url = ''): () => void {
  const socket: Socket<MonitorServerEvents, MonitorClientEvents> = io(url + MONITOR_NAMESPACE, {
    auth: { token },
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    transports: ['websocket', 'polling'],
  });
  on.link('connecting');
  socket.on('connect', () => on.link('live'));
  socket.on('disconnect', () => on.link('reconnecting'));
  socket.on('connect_error', (error) => {
    if (error.message === 'UNAUTHORIZED' || error.message === 'FORBIDDEN') {
      socket.close();
      on.unauthorized();
    } else on.link('reconnecting');
  });
  socket.on('session:expired', () => {
    socket.close();
    on.unauthorized();
  });
  socket.on('monitor:snapshot', on.snapshot);
  socket.on('monitor:session', on.session);
  socket.on('monitor:take', on.take);
  if (on.deleted) socket.on('monitor:deleted', on.deleted);
  if (on.rating) socket.on('monitor:rating', on.rating);
  if (on.campaign) socket.on('monitor:campaign', on.campaign);
  return () => void socket.close();
}
