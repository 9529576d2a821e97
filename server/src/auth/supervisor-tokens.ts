import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Role } from '../protocol/index.js';

export interface SupervisorClaims {
  userId: string;
  role: Role;
  expiresAt: Date;
}

const ISSUER = 'emovox';

export async function signSupervisorToken(key: Uint8Array, userId: string, role: Role, ttlMs: number) {
  const expiresAt = new Date(Date.now() + ttlMs);
  const token = await new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
  return { token, expiresAt };
}

export async function verifySupervisorToken(key: Uint8Array, token: string): Promise<SupervisorClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role) || typeof payload.exp !== 'number') return null;
    return { userId: payload.sub, role: role as Role, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}
