// Campaign REST: supervisors design and watch campaigns and ask for redos; speakers join and follow a session.
import { Router } from 'express';
import type { CampaignAdmin } from '../campaigns/campaign-admin.js';
import type { CampaignSessions } from '../campaigns/campaign-sessions.js';
import type { Redo } from '../campaigns/redo.js';
import { campaignCreateSchema, campaignPatchSchema, joinSchema, redoSchema, skipSchema } from '../protocol/campaign-schemas.js';
import { uuid } from '../protocol/schemas.js';
import { requireSpeaker, requireSupervisor, supervisorsOnly } from './auth-middleware.js';
import { parse } from './validate.js';

export interface CampaignRoutesDeps {
  admin: CampaignAdmin;
  sessions: CampaignSessions;
  redo: Redo;
}

export function campaignRoutes(deps: CampaignRoutesDeps) {
  const router = Router();
  const id = (raw: unknown) => parse(uuid, raw);

  router.post('/campaigns', supervisorsOnly, async (req, res) => {
    res.status(201).json(await deps.admin.create(parse(campaignCreateSchema, req.body)));
  });

  router.get('/campaigns', supervisorsOnly, async (_req, res) => {
    res.json({ items: await deps.admin.list() });
  });

  // Before /campaigns/:id, which would otherwise take "join" for an ID.
  router.post('/campaigns/join', async (req, res) => {
    const speaker = requireSpeaker(req);
    res.json(await deps.sessions.join(speaker, parse(joinSchema, req.body).code));
  });

  router.get('/campaigns/:id', supervisorsOnly, async (req, res) => {
    res.json(await deps.admin.get(id(req.params.id)));
  });

  router.patch('/campaigns/:id', supervisorsOnly, async (req, res) => {
    const campaignId = id(req.params.id);
    res.json(await deps.admin.update(campaignId, parse(campaignPatchSchema, req.body)));
  });

  router.get('/campaigns/:id/coverage', supervisorsOnly, async (req, res) => {
    res.json(await deps.admin.coverage(id(req.params.id)));
  });

  router.get('/campaigns/:id/session', async (req, res) => {
    const speaker = requireSpeaker(req);
    res.json(await deps.sessions.session(id(req.params.id), speaker));
  });

  router.post('/campaigns/:id/prompts/:promptId/skip', async (req, res) => {
    const speaker = requireSpeaker(req);
    const [campaignId, promptId] = [id(req.params.id), id(req.params.promptId)];
    const body = parse(skipSchema, req.body);
    res.json(await deps.sessions.skip(campaignId, promptId, speaker, body.reason, body.note ?? null));
  });

  router.post('/takes/:takeId/redo', async (req, res) => {
    const supervisor = requireSupervisor(req);
    const takeId = id(req.params.takeId);
    const body = parse(redoSchema, req.body);
    res.json(await deps.redo(takeId, body.reason, body.note ?? null, supervisor.userId));
  });

  return router;
}
