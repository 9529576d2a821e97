// The built SolidJS client, served from the API's origin, with an SPA fallback for its routes. Any other
// path gets the same page (which shows "Page not found") with status 404, so it is not a soft 404.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { isClientPagePath } from '../protocol/pages.js';

const API_PREFIXES = ['/api/', '/socket.io/', '/healthz', '/readyz', '/metrics'];

export function staticClient(staticDir: string): Router {
  const router = Router();
  const index = path.join(staticDir, 'index.html');
  router.use(express.static(staticDir, { index: false, maxAge: '1h', immutable: false }));
  router.get(/.*/, (req, res, next) => {
    if (API_PREFIXES.some((prefix) => req.path.startsWith(prefix)) || !existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.status(isClientPagePath(req.path) ? 200 : 404).sendFile(index);
  });
  return router;
}
