import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; only the hash is stored. */
export function newSpeakerToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSpeakerToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export const looksLikeSpeakerToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
