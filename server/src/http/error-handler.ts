import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, badRequest, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';

/** Maps the errors of Express's own layers (body parser, router) to the contract's codes. */
function fromBodyParser(error: unknown): AppError | null {
  // Express's router rejects a malformed percent-escape in a path parameter with a URIError.
  if (error instanceof URIError) return badRequest('The path is not valid');
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new AppError('TOO_LARGE', 'The request body is too large');
  if (type === 'entity.parse.failed') return badRequest('The request body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA', 'Unsupported body encoding');
  }
  // Any other failure to read the body (bad gzip or deflate data, an aborted or short body) is the client's.
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 400 && (error as { expose?: unknown }).expose === true) return badRequest('The request body could not be read');
  return null;
}

export function errorHandler(log: Logger, metrics: Metrics): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = fromBodyParser(error) ?? toAppError(error);
    if (appError.code === 'INTERNAL') log.error({ err: error, path: req.path, method: req.method }, 'request failed');
    metrics.errors.inc({ code: appError.code });
    if (appError.extra.retryAfterMs) res.setHeader('Retry-After', Math.ceil(appError.extra.retryAfterMs / 1000));
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(appError.status).json({ error: appError.toBody() });
  };
}

export const apiNotFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND', 'No such route'));
