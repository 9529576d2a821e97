// Routes open to anyone: consent (speaker creation), a random sentence, supervisor login; and logout.
import { Router, type RequestHandler } from 'express';
import { newSpeakerToken, hashSpeakerToken } from '../auth/speaker-tokens.js';
import type { SentenceRepository } from '../db/sentence-repository.js';
import type { SpeakerRepository } from '../db/speaker-repository.js';
import { AppError, badRequest } from '../errors.js';
import { createSpeakerSchema, loginSchema, randomSentenceQuery } from '../protocol/schemas.js';
import type { SpeakerCreated } from '../protocol/index.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { LoginService } from '../supervisors/login.js';
import { requireSupervisor } from './auth-middleware.js';
import { addressKey } from './rate-limit.js';
import { parse } from './validate.js';

/** Answers that carry a secret (a token) must not be kept by any cache, shared or the browser's. */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

export interface PublicRoutesDeps {
  speakers: SpeakerRepository;
  sentences: SentenceRepository;
  login: LoginService;
  speakersPerHourPerAddress: number;
  /** Ends the logged-out token's /monitor sockets on every replica. */
  onLogout: (identity: { userId: string; tokenId: string | null }) => void;
}

export function publicRoutes(deps: PublicRoutesDeps) {
  const router = Router();
  const loginLimiter = new RateLimiter(10 / 60, 10);
  // A whole hour's allowance at once: a class behind one NAT may consent together.
  const speakerLimiter = new RateLimiter(deps.speakersPerHourPerAddress / 3600, deps.speakersPerHourPerAddress);

  router.post('/speakers', noStore, async (req, res) => {
    if (!speakerLimiter.allow(addressKey(req.ip))) {
      throw new AppError('RATE_LIMITED', 'Too many speakers from this address', { retryAfterMs: Math.ceil(3_600_000 / deps.speakersPerHourPerAddress) });
    }
    const body = req.body as { consent?: unknown } | undefined;
    if (body?.consent !== true) throw badRequest('consent must be true');
    const input = parse(createSpeakerSchema, body);
    const token = newSpeakerToken();
    const speaker = await deps.speakers.create({
      tokenHash: hashSpeakerToken(token),
      locale: input.locale,
      ageRange: input.ageRange ?? null,
      gender: input.gender ?? null,
      nativeLanguage: input.nativeLanguage || null,
      accent: input.accent || null,
    });
    const created: SpeakerCreated = { speakerId: speaker.id, token };
    res.status(201).json(created);
  });

  router.get('/sentences/random', async (req, res) => {
    const query = parse(randomSentenceQuery, req.query);
    const sentence = await deps.sentences.random(query.locale, query.exclude);
    if (!sentence) throw new AppError('NOT_FOUND', 'No active sentence is available');
    res.json({ id: sentence.id, text: sentence.text, locale: sentence.locale });
  });

  router.post('/auth/login', noStore, async (req, res) => {
    const input = parse(loginSchema, req.body);
    if (!loginLimiter.allow(`${req.ip}:${input.email.toLowerCase()}`) || !loginLimiter.allow(`ip:${req.ip}`)) {
      throw new AppError('RATE_LIMITED', 'Too many login attempts', { retryAfterMs: 30_000 });
    }
    res.json(await deps.login.login(input.email, input.password));
  });

  router.post('/auth/logout', async (req, res) => {
    const identity = requireSupervisor(req);
    await deps.login.logout(identity);
    deps.onLogout(identity);
    res.status(204).end();
  });

  return router;
}
