import type { ErrorBody, ErrorCode, TakeState } from './protocol/index.js';
import { HTTP_STATUS } from './protocol/index.js';

type Extra = Partial<Pick<ErrorBody, 'state' | 'missing' | 'retryAfterMs' | 'takeId'>>;

/** The one error type a use case throws; entry points map it to an ack or an HTTP answer. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly extra: Extra;

  constructor(code: ErrorCode, message: string, extra: Extra = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.extra = extra;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const badRequest = (message: string) => new AppError('BAD_REQUEST', message);
export const notFound = (what = 'take') => new AppError('NOT_FOUND', `No such ${what}`);
export const conflict = (message: string, state?: TakeState) =>
  new AppError('CONFLICT', message, state ? { state } : {});

// PostgreSQL going away: connection failures and the SQLSTATE classes 08 (connection) and 57P (shutdown).
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
function isDependencyDown(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_ERRNO.has(code) || code.startsWith('08') || code.startsWith('57P'))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

/** Anything that is not an AppError becomes UNAVAILABLE (a dependency is down) or INTERNAL, with no detail leaked. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDependencyDown(error)) return new AppError('UNAVAILABLE', 'A dependency is unavailable; retry shortly', { retryAfterMs: 1_000 });
  return new AppError('INTERNAL', 'Internal error');
}
