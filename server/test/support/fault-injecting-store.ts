// A FAKE for fault tests: wraps a real ObjectStore and fails on demand, since file modes do not stop root
// and the GCS test double cannot be paused mid-request.
import { rm } from 'node:fs/promises';
import type { ByteRange, ObjectStore } from '../../src/storage/index.js';

export class FaultInjectingStore implements ObjectStore {
  failing = false;
  failures = 0;

  constructor(private readonly inner: ObjectStore) {}

  get kind() {
    return this.inner.kind;
  }

  private async gate(): Promise<void> {
    if (!this.failing) return;
    this.failures += 1;
    throw new Error('injected storage outage');
  }

  async put(key: string, body: Buffer, contentType: string) {
    await this.gate();
    return this.inner.put(key, body, contentType);
  }
  async putFile(key: string, file: string, contentType: string) {
    await this.gate().catch(async (error: unknown) => {
      await rm(file, { force: true }); // consumed, as the real stores do
      throw error;
    });
    return this.inner.putFile(key, file, contentType);
  }
  async stat(key: string) {
    await this.gate();
    return this.inner.stat(key);
  }
  async read(key: string, range?: ByteRange) {
    await this.gate();
    return this.inner.read(key, range);
  }
  async delete(key: string) {
    await this.gate();
    return this.inner.delete(key);
  }
  async deletePrefix(prefix: string) {
    await this.gate();
    return this.inner.deletePrefix(prefix);
  }
  async list(prefix: string) {
    await this.gate();
    return this.inner.list(prefix);
  }
  async ping() {
    await this.gate();
    return this.inner.ping();
  }
}
