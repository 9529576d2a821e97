// `npm run export -- --out DIR [--review accepted] [--since DATE] [--format jsonl] [--include-replaced]`
// Writes the dataset in Hugging Face audiofolder layout: DIR/audio/<takeId>.wav and DIR/metadata.csv|jsonl.
import { readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { deriveKeys } from '../src/auth/keys.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { countDatasetTakes } from '../src/db/dataset-repository.js';
import { directorySink } from '../src/export/dataset-sink.js';
import { exportDataset } from '../src/export/export-dataset.js';
import { createLogger } from '../src/logger.js';
import { exportQuery } from '../src/protocol/schemas.js';
import { createObjectStore } from '../src/storage/index.js';
import { progressBar } from './progress-bar.js';
import { runCli } from './run-cli.js';

const USAGE = 'usage: npm run export -- --out DIR [--review pending|accepted|rejected] [--since YYYY-MM-DD] [--format csv|jsonl] [--include-replaced]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      review: { type: 'string' },
      since: { type: 'string' },
      format: { type: 'string' },
      'include-replaced': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const query = exportQuery.safeParse({
    review: values.review,
    since: values.since,
    format: values.format,
    replaced: values['include-replaced'] ? 'include' : 'exclude',
  });
  if (!query.success) {
    console.error(`${query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${USAGE}`);
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
    const filter = {
      review: query.data.review,
      since: query.data.since ? new Date(query.data.since) : undefined,
      includeReplaced: query.data.replaced === 'include',
    };
    const total = await countDatasetTakes(opened.db.pool, filter);
    const bar = progressBar(process.stderr, total);
    const summary = await exportDataset(
      { pool: opened.db.pool, store: createObjectStore(config.storage), pseudonymKey: deriveKeys(opened.tokenSecret).pseudonym },
      {
        filter,
        format: query.data.format,
        onProgress: (done, bytes) => bar.update(done, bytes),
        onSkipped: (takeId) => log.warn({ takeId }, 'saved take without its WAV, left out'),
      },
      await directorySink(values.out),
    );
    bar.done();
    console.error(`exported ${summary.takes} takes (${(summary.bytes / 1e6).toFixed(1)} MB) to ${values.out}` +
      (summary.skipped > 0 ? `; ${summary.skipped} left out (WAV missing)` : ''));
    return 0;
  } finally {
    await opened.close();
  }
}

runCli(main);
