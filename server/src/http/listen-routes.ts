// REST for listeners (wire contract v1.1, Listening): any speaker token may listen.
import { Router } from 'express';
import type { ListeningService } from '../listening/listening-service.js';
import { listenNextQuery, ratingSchema } from '../protocol/listening-schemas.js';
import { uuid } from '../protocol/schemas.js';
import type { ObjectStore } from '../storage/index.js';
import { requireSpeaker } from './auth-middleware.js';
import { sendObject } from './take-routes.js';
import { parse } from './validate.js';

export function listenRoutes(deps: { listening: ListeningService; store: ObjectStore }) {
  const router = Router();
  const assignmentId = (raw: unknown) => parse(uuid, raw);

  router.get('/listen/next', async (req, res) => {
    const listener = requireSpeaker(req);
    const { locale } = parse(listenNextQuery, req.query);
    const assignment = await deps.listening.next(listener.id, locale ?? null);
    if (assignment) res.json(assignment);
    else res.status(204).end();
  });

  router.get('/listen/assignments/:assignmentId/audio', async (req, res) => {
    const listener = requireSpeaker(req);
    const key = await deps.listening.audioKey(listener.id, assignmentId(req.params.assignmentId));
    await sendObject(res, deps.store, key, 'audio/wav', req.headers.range);
  });

  router.post('/listen/assignments/:assignmentId', async (req, res) => {
    const listener = requireSpeaker(req);
    const id = assignmentId(req.params.assignmentId);
    const rating = parse(ratingSchema, req.body);
    const outcome = await deps.listening.rate(listener.id, id, rating);
    res.status(outcome === 'created' ? 201 : 200).json({ ok: true });
  });

  router.get('/listen/me', async (req, res) => {
    const listener = requireSpeaker(req);
    const { locale } = parse(listenNextQuery, req.query);
    res.json(await deps.listening.me(listener.id, locale ?? null));
  });

  return router;
}
