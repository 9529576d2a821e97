// Turns a bearer token into who is calling: a speaker (opaque token) or a supervisor (JWT).
import type { SpeakerRepository, Speaker } from '../db/speaker-repository.js';
import type { UserRepository } from '../db/user-repository.js';
import type { Role } from '../protocol/index.js';
import { hashSpeakerToken, looksLikeSpeakerToken } from './speaker-tokens.js';
import { verifySupervisorToken } from './supervisor-tokens.js';

export type Identity =
  | { kind: 'speaker'; speaker: Speaker }
  | { kind: 'supervisor'; userId: string; role: Role; expiresAt: Date; tokenId: string | null; epoch: number };

/** jwtKeys: the current key first, then the previous secret's during a rotation. */
export function identityResolver(deps: { speakers: SpeakerRepository; users: UserRepository; jwtKeys: Uint8Array[] }) {
  return async function resolve(token: string | undefined | null): Promise<Identity | null> {
    if (!token || token.length > 4096) return null;
    if (looksLikeSpeakerToken(token)) {
      const speaker = await deps.speakers.findByTokenHash(hashSpeakerToken(token));
      return speaker && !speaker.disabled ? { kind: 'speaker', speaker } : null;
    }
    const claims = await verifySupervisorToken(deps.jwtKeys, token);
    if (!claims) return null;
    // One query: the account, and whether this token was logged out (on any replica).
    const user = await deps.users.findForToken(claims.userId, claims.tokenId);
    if (!user || !isLive(user, claims)) return null;
    return { kind: 'supervisor', userId: user.id, role: user.role, expiresAt: claims.expiresAt, tokenId: claims.tokenId, epoch: claims.epoch };
  };
}
export type ResolveIdentity = ReturnType<typeof identityResolver>;

/** A token lives while its account is enabled, it was issued in the account's current epoch, and it was not logged out. */
export function isLive(user: { disabled: boolean; tokenEpoch: number; tokenRevoked: boolean }, claims: { epoch: number }): boolean {
  return !user.disabled && !user.tokenRevoked && claims.epoch === user.tokenEpoch;
}

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
