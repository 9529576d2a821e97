import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { RateLimiter } from '../socket/rate-limiter.js';

/** REST limits keyed by the caller's token when present, by client IP otherwise (set TRUST_PROXY behind a load balancer). */
export function restRateLimit(perMinute: number): RequestHandler {
  const limiter = new RateLimiter(perMinute / 60, Math.max(10, perMinute / 6));
  return (req, _res, next) => {
    const key = req.headers.authorization ?? `ip:${req.ip}`;
    if (!limiter.allow(key)) return next(new AppError('RATE_LIMITED', 'Too many requests', { retryAfterMs: 1_000 }));
    next();
  };
}
