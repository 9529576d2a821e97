// A speaker's own account: their takes, and "forget me".
import { Router } from 'express';
import type { SpeakerTakeRepository } from '../db/speaker-take-repository.js';
import { toTakeJson } from '../db/take-row.js';
import { forgetSpeakerBody } from '../protocol/schemas.js';
import type { ForgetSpeaker } from '../takes/forget-speaker.js';
import { requireSpeaker } from './auth-middleware.js';
import { parse } from './validate.js';

export const MY_TAKES_LIMIT = 500;

export function speakerRoutes(deps: { speakerTakes: SpeakerTakeRepository; forget: ForgetSpeaker }) {
  const router = Router();

  router.get('/speakers/me/takes', async (req, res) => {
    const speaker = requireSpeaker(req);
    const takes = await deps.speakerTakes.list(speaker.id, MY_TAKES_LIMIT);
    res.json({ items: takes.map(toTakeJson) });
  });

  router.delete('/speakers/me', async (req, res) => {
    const speaker = requireSpeaker(req);
    const body = parse(forgetSpeakerBody, req.body);
    const { deletedTakes } = await deps.forget.forget(speaker, { deleteTakes: body.deleteTakes });
    res.json({ speakerId: speaker.id, erased: true, deletedTakes });
  });

  return router;
}
