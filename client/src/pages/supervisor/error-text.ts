// A failed call, said as a sentence a supervisor can act on: never a raw "HTTP 500" or a stack of prefixes.
import { ApiError } from '../../lib/api';
import { st } from '../../lib/i18n/supervisor';

export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return st('errOffline'); // fetch itself failed: no answer at all
  if (error.status === 409) return st('duplicate');
  if (error.status === 400 || error.status === 413 || error.status === 422) return st('errInvalid');
  if (error.status === 403) return st('errForbidden');
  if (error.status === 404) return st('errNotFound');
  if (error.status === 429) return st('errBusy');
  return st('errServer');
}

/** For a page that could not load its data: what failed, then why. */
export const loadErrorText = (error: unknown) => st('errorLoading', { message: errorText(error) });
