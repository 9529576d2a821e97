// The longest take: MAX_TAKE_SECONDS, plus a tolerance for the encoder's last frames and the recorder's
// stop, which lands a little after the speaker's click. A take over it is refused (TOO_LARGE), never saved.

/** The recorder stops by itself half a second before the limit; the server allows one second over it. */
export const TAKE_LENGTH_TOLERANCE_MS = 1_000;

/** The decoded length above which a take is refused. */
export function refusedAboveMs(maxTakeSeconds: number): number {
  return maxTakeSeconds * 1000 + TAKE_LENGTH_TOLERANCE_MS;
}

export const takeTooLongMessage = (maxTakeSeconds: number): string => `A take may last at most ${maxTakeSeconds} s`;
