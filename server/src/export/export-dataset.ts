// The dataset export shared by GET /export and `npm run export`: WAVs streamed from the object store one at a
// time into train/, validation/ and test/, then each split's metadata file, ratings.csv and the README.md card.
import type pg from 'pg';
import type { ObjectStore } from '../storage/index.js';
import { datasetTakes, type DatasetTake } from '../db/dataset-repository.js';
import { ratingsOfTakes } from '../db/dataset-ratings-repository.js';
import { speakerSplits } from '../db/dataset-split-repository.js';
import { CardStats } from './card-stats.js';
import { datasetCard } from './dataset-card.js';
import { RATINGS_HEADER, ratingLine, toMetadataRow, wavPath } from './dataset-row.js';
import type { DatasetSink } from './dataset-sink.js';
import { filterOf, type ExportQuery } from './export-options.js';
import { metadataFileName, pseudonymousSpeakerId } from './metadata.js';
import { metadataFile, type MetadataFile } from './metadata-file.js';
import { assignSplits, SPLITS, type Split } from './split-assignment.js';

export interface ExportDeps {
  pool: pg.Pool;
  store: ObjectStore;
  pseudonymKey: Buffer;
  /** The card's `license` (DATASET_LICENSE). */
  license: string;
}

export interface ExportOptions {
  query: ExportQuery;
  signal?: AbortSignal;
  onProgress?: (done: number, bytes: number) => void;
  /** A saved take whose WAV is missing from storage is left out, and reported here. */
  onSkipped?: (takeId: string) => void;
}

export interface ExportSummary {
  takes: number;
  skipped: number;
  bytes: number;
  ratings: number;
  perSplit: Record<Split, number>;
}

/** Ratings are read for this many exported takes at once. */
const RATINGS_BATCH = 200;

export async function exportDataset(deps: ExportDeps, options: ExportOptions, sink: DatasetSink): Promise<ExportSummary> {
  const format = options.query.format;
  let splits = await speakerSplits(deps.pool, assignSplits);
  const splitOf = async (take: DatasetTake): Promise<Split> => {
    // A speaker whose first take was saved after the placement above: place them now.
    if (!splits.has(take.speakerId)) splits = await speakerSplits(deps.pool, assignSplits);
    return splits.get(take.speakerId) ?? 'train';
  };
  // Only text is kept until the end (a few hundred bytes per take and per rating), never audio.
  const metadata = Object.fromEntries(SPLITS.map((split) => [split, metadataFile(format)])) as Record<Split, MetadataFile>;
  const ratings: string[] = [RATINGS_HEADER];
  const stats = new CardStats(format);
  const summary: ExportSummary = { takes: 0, skipped: 0, bytes: 0, ratings: 0, perSplit: { train: 0, validation: 0, test: 0 } };
  let pending: { takeId: string; file: string }[] = [];
  const flushRatings = async () => {
    const files = new Map(pending.map((take) => [take.takeId, take.file]));
    for (const rating of await ratingsOfTakes(deps.pool, [...files.keys()])) {
      const line = ratingLine(rating, files.get(rating.takeId)!, deps.pseudonymKey);
      ratings.push(line);
      stats.addRating(pseudonymousSpeakerId(deps.pseudonymKey, rating.listenerId));
      summary.ratings += 1;
    }
    pending = [];
  };

  for await (const take of datasetTakes(deps.pool, filterOf(options.query))) {
    options.signal?.throwIfAborted();
    const info = await deps.store.stat(take.wavKey);
    if (!info) {
      summary.skipped += 1;
      options.onSkipped?.(take.takeId);
      continue;
    }
    const split = await splitOf(take);
    const file = wavPath(split, take.takeId);
    const body = await deps.store.read(take.wavKey);
    const abort = () => body.destroy(new Error('export aborted'));
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      await sink.addStream(file, info.size, body);
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    const row = toMetadataRow(take, split, deps.pseudonymKey);
    metadata[split].add(row);
    stats.addRow(row);
    pending.push({ takeId: take.takeId, file });
    if (pending.length >= RATINGS_BATCH) await flushRatings();
    summary.takes += 1;
    summary.perSplit[split] += 1;
    summary.bytes += info.size;
    options.onProgress?.(summary.takes, summary.bytes);
  }
  await flushRatings();

  // A split without takes gets no folder: audiofolder would find a metadata file with no audio beside it.
  for (const split of SPLITS) {
    if (summary.perSplit[split] > 0) await sink.addBuffer(`${split}/${metadataFileName(format)}`, metadata[split].bytes());
  }
  await sink.addBuffer('ratings.csv', Buffer.from(ratings.join(''), 'utf8'));
  const card = datasetCard({ stats, format, license: deps.license, query: options.query, exportedAt: new Date() });
  await sink.addBuffer('README.md', Buffer.from(card, 'utf8'));
  await sink.finish();
  return summary;
}
