// Streaming against the whole-file upload over a simulated uplink.
import type { ServerProcess } from '../../server/test/support/server-process.js';
import { runLoad } from '../load-process.js';

export async function uploadComparison(server: ServerProcess, options: { seconds: number; count: number; bitsPerSecond: number }) {
  return runLoad<Record<string, unknown>>('upload', { url: server.url, ...options }, { timeoutMs: (options.seconds * 3 + 180) * 1000 });
}
