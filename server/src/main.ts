// Process entry point: configuration, start, and graceful shutdown on SIGTERM/SIGINT.
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // With V8's own growth step the old generation's headroom after a full GC is smaller than the young
  // generation, so under load V8 starts the next incremental marking as soon as one ends: a larger step means
  // far fewer full GCs (the load bench shows how many). Set before the heap grows; NODE_OPTIONS cannot carry this flag.
  if (config.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
  const log = createLogger(config.logLevel);
  // A signal during start-up waits for the start to finish, then stops cleanly: the default action would kill
  // this process and leave the embedded PostgreSQL and the ffmpeg runners behind.
  let signalledEarly: string | null = null;
  const early = (signal: string) => (signalledEarly ??= signal);
  process.on('SIGTERM', early).on('SIGINT', early);
  const server = await startServer(config, log);
  process.off('SIGTERM', early).off('SIGINT', early);
  let firstSignalAt = 0;
  const stop = (signal: string) => {
    // Ctrl-C reaches us twice (the terminal's process group, and tsx relaying it): only a later one forces.
    if (firstSignalAt > 0) {
      if (Date.now() - firstSignalAt > 1_000) process.exit(1);
      return;
    }
    firstSignalAt = Date.now();
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (signalledEarly) stop(signalledEarly);
}

main().catch((error: unknown) => {
  console.error('emovox failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
