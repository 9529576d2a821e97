// REST identity and rate limits in one step: the bearer token is verified first, and the caller's bucket is
// keyed by who they are (speaker or account), or by client address when the token does not verify. Junk
// headers thus share their address's bucket instead of each making a new one. The address is req.ip, which
// follows TRUST_PROXY.
import type { RequestHandler } from 'express';
import { bearerToken, type Identity, type ResolveIdentity } from '../auth/identity.js';
import { AppError } from '../errors.js';
import { RateLimiter } from '../auth/rate-limiter.js';

export const addressKey = (ip: string | undefined) => `ip:${ip ?? 'unknown'}`;

const identityKey = (identity: Identity) =>
  identity.kind === 'speaker' ? `speaker:${identity.speaker.id}` : `user:${identity.userId}`;

export function identifyAndLimit(resolve: ResolveIdentity, perMinute: number): RequestHandler {
  const limiter = new RateLimiter(perMinute / 60, Math.max(10, perMinute / 6));
  // Tokens that fail to verify, per address: once an address has spent this allowance, its requests that carry
  // a token get RATE_LIMITED without a lookup (each is a database query). Not 401: a valid token behind the
  // same address must not be told it is dead.
  const failedTokens = new RateLimiter(perMinute / 60, Math.max(10, perMinute / 6));
  return async (req, _res, next) => {
    try {
      const address = addressKey(req.ip);
      const token = bearerToken(req.headers.authorization);
      let identity: Identity | null = null;
      if (token) {
        if (!failedTokens.peek(address)) throw new AppError('RATE_LIMITED', 'Too many invalid tokens from this address', { retryAfterMs: 5_000 });
        identity = await resolve(token);
        if (!identity) failedTokens.allow(address);
      }
      req.identity = identity;
      if (!limiter.allow(identity ? identityKey(identity) : address)) {
        throw new AppError('RATE_LIMITED', 'Too many requests', { retryAfterMs: 1_000 });
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
