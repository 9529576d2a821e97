import { pino, type DestinationStream, type Logger } from 'pino';
import { MediaError } from './media/errors.js';

export type { Logger };

/**
 * Errors are logged by type, code, message and stack only. Libraries hang secrets on their errors: pg-pool
 * attaches the whole client (host, user, password, backend processID and secretKey), and a pg error's detail
 * can quote row values. ffmpeg's stderr on a MediaError is kept: it is our own diagnostic.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error instanceof MediaError && error.detail ? { detail: error.detail } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

export function createLogger(level: string, bindings: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'emovox', ...bindings },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
