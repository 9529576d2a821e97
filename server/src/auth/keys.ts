// Every secret the server uses is derived from TOKEN_SECRET under its own label, so no two purposes share a key.
import { createHmac } from 'node:crypto';

export interface Keys {
  jwt: Uint8Array;
  receipt: Buffer;
  pseudonym: Buffer;
}

export function deriveKeys(tokenSecret: string): Keys {
  const derive = (label: string) => createHmac('sha256', tokenSecret).update(`emovox:${label}`).digest();
  return { jwt: new Uint8Array(derive('jwt')), receipt: derive('receipt'), pseudonym: derive('pseudonym') };
}
