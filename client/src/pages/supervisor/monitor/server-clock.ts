/**
 * The server's clock as seen from this browser. Elapsed times come from server timestamps, and a
 * browser's clock may be off by minutes, so the offset is estimated from pushed `lastSeenAt`
 * values: each is a little before its arrival, so the smallest recent gap is the best estimate.
 */
export function makeServerClock(samples = 20) {
  const gaps: number[] = [];
  let offset = 0;
  return {
    /** A server time (ISO) that was current when the message left the server, received at `localNow`. */
    observe(serverIso: string, localNow = Date.now()): void {
      const gap = localNow - Date.parse(serverIso);
      if (!Number.isFinite(gap)) return;
      gaps.push(gap);
      if (gaps.length > samples) gaps.shift();
      offset = Math.min(...gaps);
    },
    now(localNow = Date.now()): number {
      return localNow - offset;
    },
  };
}
