// Every secret the server uses is derived from TOKEN_SECRET under its own label, so no two purposes share a key.
import { createHmac } from 'node:crypto';

export interface Keys {
  jwt: Uint8Array;
  receipt: Buffer;
  pseudonym: Buffer;
  /** TOKEN_SECRET_PREVIOUS during a rotation: its tokens and receipts still verify, nothing is signed with it. */
  previous: { jwt: Uint8Array; receipt: Buffer } | null;
}

function derive(secret: string) {
  const key = (label: string) => createHmac('sha256', secret).update(`emovox:${label}`).digest();
  return { jwt: new Uint8Array(key('jwt')), receipt: key('receipt'), pseudonym: key('pseudonym') };
}

export function deriveKeys(tokenSecret: string, previousSecret?: string): Keys {
  const previous = previousSecret && previousSecret !== tokenSecret ? derive(previousSecret) : null;
  return { ...derive(tokenSecret), previous: previous ? { jwt: previous.jwt, receipt: previous.receipt } : null };
}

/** Keys that verify supervisor tokens: the current one first. */
export const jwtKeys = (keys: Keys): Uint8Array[] => (keys.previous ? [keys.jwt, keys.previous.jwt] : [keys.jwt]);
/** Keys that verify receipts: the current one first. */
export const receiptKeys = (keys: Keys): Buffer[] => (keys.previous ? [keys.receipt, keys.previous.receipt] : [keys.receipt]);
