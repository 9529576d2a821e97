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

/** Anything that is not an AppError becomes INTERNAL, with no detail leaked to the client. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('INTERNAL', 'Internal error');
}
