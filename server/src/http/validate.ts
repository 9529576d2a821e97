import type { ZodType } from 'zod';
import { badRequest } from '../errors.js';
import { describeZodError } from '../protocol/zod-error.js';

export function parse<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeZodError(result.error));
  return result.data;
}
