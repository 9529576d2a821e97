// GET /limits: the take limits a client needs before it records (the recorder stops by itself before the
// longest take). Open to anyone, like the sentences: they are the same for every speaker.
import { Router } from 'express';
import type { TakeLimitsJson } from '../protocol/index.js';

export function limitsRoute(limits: { maxTakeSeconds: number; maxChunkBytes: number }) {
  const router = Router();
  const body: TakeLimitsJson = { maxTakeSeconds: limits.maxTakeSeconds, maxChunkBytes: limits.maxChunkBytes };
  router.get('/limits', (_req, res) => {
    res.json(body);
  });
  return router;
}
