import type { ZodType } from 'zod';
import { AppError } from '../errors.js';
import { describeZodError } from '../socket/ack-handler.js';

export function parse<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('BAD_REQUEST', describeZodError(result.error));
  return result.data;
}
