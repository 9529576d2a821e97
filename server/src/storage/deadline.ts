/** Thrown when a storage call outlives its budget; the storage service is then treated as down. */
export class StorageTimeoutError extends Error {
  override name = 'StorageTimeoutError';
}

/**
 * Settles with work, or rejects once ms have passed. The client library's own retry loop can stall
 * without settling once its total timeout is spent, so every remote call gets this outer bound.
 * The abandoned call may still finish later; callers only ever repeat idempotent writes.
 */
export async function withDeadline<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageTimeoutError(`${label}: no answer from storage within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
