// GET /export: the dataset as a gzipped tar, streamed while it is read (see export/export-dataset.ts).
import { Router, type Request } from 'express';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ExportDeps } from '../export/export-dataset.js';
import { exportDataset } from '../export/export-dataset.js';
import { previewDataset } from '../db/dataset-repository.js';
import { filterOf, type ExportQuery } from '../export/export-options.js';
import { issueTicket, readTicket, type TicketIssuer } from '../export/export-ticket.js';
import { tarSink } from '../export/dataset-sink.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { exportQuery } from '../protocol/schemas.js';
import { requireSupervisor, supervisorsOnly } from './auth-middleware.js';
import { parse } from './validate.js';

interface ExportRouteDeps extends ExportDeps {
  log: Logger;
  ticketKey: Buffer;
  /** The token that asked for a ticket still works (not logged out, account enabled and in the same epoch). */
  issuerIsLive: (issuer: TicketIssuer) => Promise<boolean>;
}

/** With ?ticket= (a plain link), the ticket's own query; otherwise the caller must be a supervisor. */
async function exportRequest(req: Request, deps: ExportRouteDeps): Promise<ExportQuery> {
  const ticket = typeof req.query.ticket === 'string' ? req.query.ticket : null;
  if (ticket === null) {
    requireSupervisor(req);
    return parse(exportQuery, req.query);
  }
  const { issuer, query } = readTicket(deps.ticketKey, ticket);
  if (!(await deps.issuerIsLive(issuer))) throw new AppError('UNAUTHORIZED', 'The download link is no longer valid; sign in and start the export again');
  return parse(exportQuery, query);
}

export function exportRoutes(deps: ExportRouteDeps) {
  const router = Router();

  // How many takes and seconds of audio the same query would export, before downloading.
  router.get('/export/preview', supervisorsOnly, async (req, res) => {
    res.json(await previewDataset(deps.pool, filterOf(parse(exportQuery, req.query))));
  });

  // A one-minute link for the browser's own download manager, which streams the tar to disk.
  router.post('/export/tickets', supervisorsOnly, (req, res) => {
    const identity = requireSupervisor(req);
    const query = parse(exportQuery, req.body ?? {});
    const fields = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
    const issued = issueTicket(deps.ticketKey, identity, fields);
    res.status(201).json({ ...issued, url: `/api/v1/export?${new URLSearchParams({ ticket: issued.ticket })}` });
  });

  router.get('/export', async (req, res) => {
    const query = await exportRequest(req, deps);
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
          query,
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
