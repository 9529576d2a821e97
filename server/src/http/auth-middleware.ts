import type { Request, RequestHandler } from 'express';
import { bearerToken, type Identity, type ResolveIdentity } from '../auth/identity.js';
import { AppError } from '../errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    identity?: Identity | null;
  }
}

/** Resolves the bearer token, if any, into req.identity. Never rejects by itself. */
export function identify(resolve: ResolveIdentity): RequestHandler {
  return async (req, _res, next) => {
    req.identity = await resolve(bearerToken(req.headers.authorization));
    next();
  };
}

export function requireSpeaker(req: Request) {
  if (!req.identity) throw new AppError('UNAUTHORIZED', 'A speaker token is required');
  if (req.identity.kind !== 'speaker') throw new AppError('FORBIDDEN', 'Only speakers may do this');
  return req.identity.speaker;
}

export function requireSupervisor(req: Request) {
  if (!req.identity) throw new AppError('UNAUTHORIZED', 'A supervisor token is required');
  if (req.identity.kind !== 'supervisor') throw new AppError('FORBIDDEN', 'Only supervisors may do this');
  return req.identity;
}

export const supervisorsOnly: RequestHandler = (req, _res, next) => {
  requireSupervisor(req);
  next();
};
