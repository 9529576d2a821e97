import type { Request, RequestHandler } from 'express';
import type { Identity } from '../auth/identity.js';
import { AppError } from '../errors.js';

// Set by identifyAndLimit (rate-limit.ts), which verifies the bearer token before counting the request.
declare module 'express-serve-static-core' {
  interface Request {
    identity?: Identity | null;
  }
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
