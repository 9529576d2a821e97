// Test double for Google Cloud Storage: the real GCS JSON API endpoint that ships inside the npm
// package firebase-tools (its Storage emulator), started in-process. The firebase CLI cannot start
// it here (it wants Java 21 and downloads a rules JAR), but the JSON API never consults security
// rules, so the rules runtime is stubbed out and nothing reaches outside 127.0.0.1.
//
// Known gaps against real GCS: ifGenerationMatch preconditions are ignored, chunked resumable
// uploads fail, and any bucket name is accepted (buckets are created on first use).
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GcsEmulator {
  /** Base URL for `apiEndpoint` or STORAGE_EMULATOR_HOST, e.g. "http://127.0.0.1:40123". */
  host: string;
  projectId: string;
  stop(): Promise<void>;
}

// A "demo-" project keeps the emulator from asking the Firebase API for the project's config.
const PROJECT_ID = 'demo-emovox';
const STORAGE = 'storage';

interface EmulatorInstance {
  getName(): string;
}
type StorageEmulatorClass = new (args: Record<string, unknown>) => EmulatorInstance;
interface Registry {
  start(instance: EmulatorInstance): Promise<void>;
  stop(name: string): Promise<void>;
  isRunning(name: string): boolean;
}

const require = createRequire(import.meta.url);

/** The JSON API never evaluates rules, so the rules runtime (Java + a downloaded JAR) stays off. */
const noRules = {
  start: async () => ({ errors: [], warnings: [] }),
  stop: async () => undefined,
  getRuleset: () => undefined,
};

function loadFirebaseStorage(): { StorageEmulator: StorageEmulatorClass; EmulatorRegistry: Registry } {
  const { StorageEmulator } = require('firebase-tools/lib/emulator/storage') as {
    StorageEmulator: StorageEmulatorClass & { prototype: { createRulesManager: () => unknown } };
  };
  const { StorageRulesRuntime } = require('firebase-tools/lib/emulator/storage/rules/runtime') as {
    StorageRulesRuntime: { prototype: { start: () => Promise<void>; stop: () => Promise<void> } };
  };
  const { EmulatorRegistry } = require('firebase-tools/lib/emulator/registry') as { EmulatorRegistry: Registry };
  StorageRulesRuntime.prototype.start = async () => undefined;
  StorageRulesRuntime.prototype.stop = async () => undefined;
  StorageEmulator.prototype.createRulesManager = () => noRules;
  return { StorageEmulator, EmulatorRegistry };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/**
 * Starts a GCS JSON API endpoint on 127.0.0.1. One per process: the emulator registers itself in
 * firebase-tools' process-wide registry, which its own URLs are built from.
 */
export async function startGcsEmulator(): Promise<GcsEmulator> {
  const { StorageEmulator, EmulatorRegistry } = loadFirebaseStorage();
  if (EmulatorRegistry.isRunning(STORAGE)) throw new Error('A GCS emulator is already running in this process');

  const ownTmp = await mkdtemp(join(tmpdir(), 'emovox-gcs-'));
  const port = await freePort();
  const emulator = withTmpdir(
    ownTmp,
    () => new StorageEmulator({ projectId: PROJECT_ID, host: '127.0.0.1', port, auto_download: false }),
  );
  const stop = async () => {
    await EmulatorRegistry.stop(STORAGE);
    await rm(ownTmp, { recursive: true, force: true });
  };
  try {
    await EmulatorRegistry.start(emulator);
  } catch (error) {
    await stop();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return { host: `http://127.0.0.1:${port}`, projectId: PROJECT_ID, stop: () => (stopping ??= stop()) };
}

/** The emulator keeps its blobs under $TMPDIR/firebase/storage, read once in its constructor. */
function withTmpdir<T>(dir: string, construct: () => T): T {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return construct();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
