// Probes and metrics, outside the API prefix.
import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { bearerToken } from '../auth/identity.js';
import { AppError } from '../errors.js';
import type { Metrics } from '../ops/metrics.js';

export interface OpsDeps {
  metrics: Metrics;
  metricsToken: string | undefined;
  isDraining: () => boolean;
  checks: { database: () => Promise<void>; storage: () => Promise<void> };
  refreshGauges: () => Promise<void>;
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export function opsRoutes(deps: OpsDeps) {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    if (deps.isDraining()) {
      res.status(503).json({ error: { code: 'UNAVAILABLE', message: 'Draining', retryAfterMs: 1000 } });
      return;
    }
    const [database, storage] = await Promise.allSettled([
      withTimeout(deps.checks.database(), 3_000),
      withTimeout(deps.checks.storage(), 3_000),
    ]);
    const ok = database.status === 'fulfilled' && storage.status === 'fulfilled';
    const status = { database: database.status === 'fulfilled', storage: storage.status === 'fulfilled' };
    if (ok) res.json({ ok: true, ...status });
    else res.status(503).json({ error: { code: 'UNAVAILABLE', message: 'A dependency is down', retryAfterMs: 2000, ...status } });
  });
  router.get('/metrics', async (req, res) => {
    if (deps.metricsToken) {
      const given = Buffer.from(bearerToken(req.headers.authorization) ?? '');
      const expected = Buffer.from(deps.metricsToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('UNAUTHORIZED', 'A metrics token is required');
      }
    }
    await deps.refreshGauges().catch(() => undefined);
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}
