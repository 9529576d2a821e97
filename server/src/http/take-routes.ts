// REST for takes: read one, stream its audio (with ranges), delete it, or upload a whole file.
import { Router, type Response } from 'express';
import type { TakeRepository } from '../db/take-repository.js';
import { toTakeJson } from '../db/take-row.js';
import { AppError, badRequest } from '../errors.js';
import { audioQuery, deleteTakeBody, MIME_TYPE, uploadFieldsSchema, uuid } from '../protocol/schemas.js';
import type { ObjectStore } from '../storage/index.js';
import type { TakeAccess } from '../takes/take-access.js';
import type { TakeService } from '../takes/take-service.js';
import { uploadWholeTake } from '../takes/whole-upload.js';
import { requireSpeaker } from './auth-middleware.js';
import { readMultipart } from './multipart.js';
import { parse } from './validate.js';

export interface TakeRoutesDeps {
  access: TakeAccess;
  service: TakeService;
  takes: TakeRepository;
  store: ObjectStore;
  maxChunkBytes: number;
  maxUploadBytes: number;
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

export async function sendObject(res: Response, store: ObjectStore, key: string, contentType: string, rangeHeader?: string) {
  const info = await store.stat(key);
  if (!info) throw new AppError('NOT_FOUND', 'The audio is missing');
  const range = parseRange(rangeHeader, info.size);
  res.setHeader('Accept-Ranges', 'bytes');
  // A type stored before take:start checked its grammar may not be a valid header value.
  res.setHeader('Content-Type', MIME_TYPE.test(contentType) ? contentType : 'application/octet-stream');
  res.setHeader('Cache-Control', 'private, no-store');
  if (range === 'invalid') {
    res.status(416).setHeader('Content-Range', `bytes */${info.size}`);
    res.json({ error: { code: 'BAD_REQUEST', message: 'Unsatisfiable range' } });
    return;
  }
  if (range) {
    res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`);
    res.setHeader('Content-Length', range.end - range.start + 1);
  } else {
    res.setHeader('Content-Length', info.size);
  }
  const stream = await store.read(key, range ?? undefined);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export function takeRoutes(deps: TakeRoutesDeps) {
  const router = Router();
  const takeId = (raw: unknown) => parse(uuid, raw);

  router.get('/takes/:takeId', async (req, res) => {
    res.json(toTakeJson(await deps.access.get(req.identity ?? null, takeId(req.params.takeId))));
  });

  router.get('/takes/:takeId/audio', async (req, res) => {
    const { format } = parse(audioQuery, req.query);
    const { key, contentType } = await deps.access.audioKey(req.identity ?? null, takeId(req.params.takeId), format);
    await sendObject(res, deps.store, key, contentType, req.headers.range);
  });

  router.delete('/takes/:takeId', async (req, res) => {
    const id = takeId(req.params.takeId);
    const body = parse(deleteTakeBody, req.body);
    await deps.access.remove(id, { identity: req.identity ?? null, receipt: body.receipt });
    res.status(204).end();
  });

  router.post('/takes', async (req, res) => {
    const speaker = requireSpeaker(req);
    const upload = await readMultipart(req, deps.maxUploadBytes);
    if (!upload.file || upload.file.data.length === 0) throw badRequest('A file is required');
    const fields = parse(uploadFieldsSchema, upload.fields);
    const outcome = await uploadWholeTake(deps.service, deps.takes, speaker, fields, upload.file, {
      maxChunkBytes: deps.maxChunkBytes,
      waitMs: 30_000,
    });
    res.status(outcome.status).json(outcome.take);
  });

  return router;
}
