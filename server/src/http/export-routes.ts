// GET /export: the dataset as a gzipped tar, streamed while it is read (see export/export-dataset.ts).
import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ExportDeps } from '../export/export-dataset.js';
import { exportDataset } from '../export/export-dataset.js';
import { tarSink } from '../export/dataset-sink.js';
import type { Logger } from '../logger.js';
import { exportQuery } from '../protocol/schemas.js';
import { supervisorsOnly } from './auth-middleware.js';
import { parse } from './validate.js';

export function exportRoutes(deps: ExportDeps & { log: Logger }) {
  const router = Router();

  router.get('/export', supervisorsOnly, async (req, res) => {
    const query = parse(exportQuery, req.query);
    const stamp = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Disposition', `attachment; filename="emovox-dataset-${stamp}.tar.gz"`);
    res.setHeader('Cache-Control', 'private, no-store');
    const { sink, output } = tarSink();
    // Failures surface through `sent` and the sink's promises; a bare 'error' event must not crash the process.
    output.on('error', () => undefined);
    const aborted = new AbortController();
    res.once('close', () => aborted.abort());
    const sent = pipeline(output as unknown as NodeJS.ReadableStream, createGzip(), res);
    sent.catch(() => undefined); // awaited below; this only keeps an early client abort from going unhandled
    try {
      const summary = await exportDataset(
        deps,
        {
          filter: {
            review: query.review,
            since: query.since ? new Date(query.since) : undefined,
            includeReplaced: query.replaced === 'include',
          },
          format: query.format,
          signal: aborted.signal,
          onSkipped: (takeId) => deps.log.warn({ takeId }, 'export: saved take without its WAV, left out'),
        },
        sink,
      );
      await sent;
      deps.log.info(summary, 'export sent');
    } catch (error) {
      // The headers are gone: a truncated download is the only way left to say it failed.
      if (!aborted.signal.aborted) deps.log.error({ err: error }, 'export failed');
      output.destroy();
      res.destroy();
      await sent.catch(() => undefined);
    }
  });

  return router;
}
