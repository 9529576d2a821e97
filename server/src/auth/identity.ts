// Turns a bearer token into who is calling: a speaker (opaque token) or a supervisor (JWT).
import type { SpeakerRepository, Speaker } from '../db/speaker-repository.js';
import type { UserRepository } from '../db/user-repository.js';
import type { Role } from '../protocol/index.js';
import { hashSpeakerToken, looksLikeSpeakerToken } from './speaker-tokens.js';
import { verifySupervisorToken } from './supervisor-tokens.js';

export type Identity =
  | { kind: 'speaker'; speaker: Speaker }
  | { kind: 'supervisor'; userId: string; role: Role; expiresAt: Date };

export function identityResolver(deps: { speakers: SpeakerRepository; users: UserRepository; jwtKey: Uint8Array }) {
  return async function resolve(token: string | undefined | null): Promise<Identity | null> {
    if (!token || token.length > 4096) return null;
    if (looksLikeSpeakerToken(token)) {
      const speaker = await deps.speakers.findByTokenHash(hashSpeakerToken(token));
      return speaker && !speaker.disabled ? { kind: 'speaker', speaker } : null;
    }
    const claims = await verifySupervisorToken(deps.jwtKey, token);
    if (!claims) return null;
    const user = await deps.users.findById(claims.userId);
    if (!user || user.disabled) return null;
    return { kind: 'supervisor', userId: user.id, role: user.role, expiresAt: claims.expiresAt };
  };
}
export type ResolveIdentity = ReturnType<typeof identityResolver>;

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
