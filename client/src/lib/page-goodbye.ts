import type { RecordSocket } from './record-socket';

/**
 * When the tab closes or the page is left, the speaker says goodbye, so the monitor shows "left" at once instead
 * of "reconnecting…" until the server's heartbeat gives up (25 s ping interval + 20 s ping timeout: 45 s).
 * `pagehide` is the one event browsers fire reliably on the way out, mobile included. Returns the cleanup.
 */
export function sayGoodbyeOnPageHide(socket: Pick<RecordSocket, 'leave' | 'rejoin'>, target: Window = window): () => void {
  const onHide = () => socket.leave();
  // A page restored from the back/forward cache is the same speaker back.
  const onShow = (event: PageTransitionEvent) => event.persisted && socket.rejoin();
  target.addEventListener('pagehide', onHide);
  target.addEventListener('pageshow', onShow);
  return () => {
    target.removeEventListener('pagehide', onHide);
    target.removeEventListener('pageshow', onShow);
  };
}
