import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Role } from '../protocol/index.js';

export interface SupervisorClaims {
  userId: string;
  role: Role;
  expiresAt: Date;
  /** The token's own ID (jti), for logout; null on tokens issued before logout existed. */
  tokenId: string | null;
  /** The account's token epoch at issue: a disable moves the account's epoch on, and older tokens are dead. */
  epoch: number;
}

const ISSUER = 'emovox';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function signSupervisorToken(key: Uint8Array, userId: string, role: Role, ttlMs: number, epoch = 0) {
  const expiresAt = new Date(Date.now() + ttlMs);
  const token = await new SignJWT({ role, epoch })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
  return { token, expiresAt };
}

/** Verifies under each key in turn: the current secret first, then the previous one during a rotation. */
export async function verifySupervisorToken(keys: Uint8Array | Uint8Array[], token: string): Promise<SupervisorClaims | null> {
  for (const key of Array.isArray(keys) ? keys : [keys]) {
    const claims = await verifyWith(key, token);
    if (claims) return claims;
  }
  return null;
}

async function verifyWith(key: Uint8Array, token: string): Promise<SupervisorClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role) || typeof payload.exp !== 'number') return null;
    const epoch = payload.epoch === undefined ? 0 : payload.epoch;
    if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch)) return null;
    const tokenId = typeof payload.jti === 'string' && UUID.test(payload.jti) ? payload.jti : null;
    return { userId: payload.sub, role: role as Role, expiresAt: new Date(payload.exp * 1000), tokenId, epoch };
  } catch {
    return null;
  }
}
