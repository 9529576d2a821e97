// A receipt authorises one DELETE of one take. It is derived from the take ID, never stored.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function receiptFor(key: Buffer, takeId: string): string {
  // 192 bits of the HMAC: above the contract's 128-bit floor, and 32 URL-safe characters.
  return createHmac('sha256', key).update(`receipt:v1:${takeId.toLowerCase()}`).digest().subarray(0, 24).toString('base64url');
}

/** keys: the current key, or during a rotation the current and the previous one. */
export function isValidReceipt(keys: Buffer | Buffer[], takeId: string, receipt: string): boolean {
  const given = Buffer.from(receipt);
  return (Array.isArray(keys) ? keys : [keys]).some((key) => {
    const expected = Buffer.from(receiptFor(key, takeId));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
