/**
 * The waiting an uploader does: retries later, sleeps between stop attempts, and waits for a condition
 * re-checked on each change. `dispose()` clears every timer and wakes every waiter, so nothing the
 * uploader scheduled runs, or keeps it waiting, once it is disposed.
 */
export class UploaderTimers {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly sleepers = new Set<() => void>();
  private readonly waiters = new Set<() => void>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Runs `fn` after `ms`, unless disposed first. */
  later(fn: () => void, ms: number): void {
    if (this.disposed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.disposed) fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Resolves after `ms`, or at once when disposed. */
  sleep(ms: number): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepers.delete(wake);
        resolve();
      };
      this.sleepers.add(wake);
      this.later(wake, ms);
    });
  }

  /** Resolves once `condition` holds at a `wake()`, or when disposed. */
  until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (condition() || this.disposed) {
          this.waiters.delete(check);
          resolve();
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Re-checks every `until` condition. */
  wake(): void {
    for (const check of [...this.waiters]) check();
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
    this.wake();
  }
}
