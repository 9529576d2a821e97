// `npm run export -- --out DIR [options]`: the same options as GET /export (see export/export-options.ts).
// Writes the dataset in Hugging Face audiofolder layout: DIR/train|validation|test/ with their WAVs and metadata,
// DIR/ratings.csv and the DIR/README.md dataset card.
import { readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { deriveKeys } from '../src/auth/keys.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { countDatasetTakes } from '../src/db/dataset-repository.js';
import { directorySink } from '../src/export/dataset-sink.js';
import { exportDataset } from '../src/export/export-dataset.js';
import { CLI_USAGE, cliFlags, filterOf, queryFromFlags } from '../src/export/export-options.js';
import { createLogger } from '../src/logger.js';
import { exportQuery } from '../src/protocol/schemas.js';
import { createObjectStore } from '../src/storage/index.js';
import { progressBar } from './progress-bar.js';
import { runCli } from './run-cli.js';

async function main(): Promise<number> {
  const parsed = (() => {
    try {
      return parseArgs({ options: { ...cliFlags(), out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      console.error(`${(error as Error).message}\n${CLI_USAGE}`);
      return null;
    }
  })();
  if (!parsed) return 2;
  const { values } = parsed;
  if (values.help || typeof values.out !== 'string') {
    console.error(CLI_USAGE);
    return values.help ? 0 : 2;
  }
  const query = exportQuery.safeParse(queryFromFlags(values));
  if (!query.success) {
    console.error(`${query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${CLI_USAGE}`);
    return 2;
  }
  if ((await readdir(values.out).catch(() => [])).length > 0) {
    console.error(`${values.out} is not empty; choose a new directory`);
    return 2;
  }
  const config = loadConfig();
  // Logs go to stderr at warn and above, so that the progress bar stays readable.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { component: 'export' });
  const opened = await openDatabase(config, log);
  try {
    const total = await countDatasetTakes(opened.db.pool, filterOf(query.data));
    const bar = progressBar(process.stderr, total);
    const summary = await exportDataset(
      {
        pool: opened.db.pool,
        store: createObjectStore(config.storage),
        pseudonymKey: deriveKeys(opened.tokenSecret).pseudonym,
        license: config.datasetLicense,
      },
      {
        query: query.data,
        onProgress: (done, bytes) => bar.update(done, bytes),
        onSkipped: (takeId) => log.warn({ takeId }, 'saved take without its WAV, left out'),
      },
      await directorySink(values.out),
    );
    bar.done();
    const perSplit = Object.entries(summary.perSplit).map(([split, takes]) => `${split} ${takes}`).join(', ');
    console.error(`exported ${summary.takes} takes (${perSplit}; ${(summary.bytes / 1e6).toFixed(1)} MB) and ${summary.ratings} ratings to ${values.out}` +
      (summary.skipped > 0 ? `; ${summary.skipped} left out (WAV missing)` : ''));
    return 0;
  } finally {
    await opened.close();
  }
}

runCli(main);
