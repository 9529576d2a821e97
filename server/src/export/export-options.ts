// The export's options, one table for both entry points: GET /export (query names) and `npm run export`
// (flags). Both parse with the same schema (protocol exportQuery) and turn it into the same DatasetFilter.
import type { z } from 'zod';
import type { DatasetFilter } from '../db/dataset-repository.js';
import type { exportQuery } from '../protocol/schemas.js';

export type ExportQuery = z.output<typeof exportQuery>;
type QueryName = keyof typeof exportQuery.shape;

interface ExportOption {
  query: QueryName;
  flag: string;
  /** A flag with a value shows this in the usage; a flag without one (a switch) sets the query to `on`. */
  value?: string;
  on?: string;
}

export const EXPORT_OPTIONS: readonly ExportOption[] = [
  { query: 'review', flag: 'review', value: 'pending|accepted|rejected|any' },
  { query: 'since', flag: 'since', value: 'YYYY-MM-DD' },
  { query: 'format', flag: 'format', value: 'csv|jsonl|parquet' },
  { query: 'replaced', flag: 'include-replaced', on: 'include' },
  { query: 'minAgreement', flag: 'min-agreement', value: '0..1' },
  { query: 'perceivedMatchesIntended', flag: 'perceived-matches-intended', on: 'true' },
];

export const CLI_USAGE = `usage: npm run export -- --out DIR ${EXPORT_OPTIONS.map((option) => (option.value ? `[--${option.flag} ${option.value}]` : `[--${option.flag}]`)).join(' ')}`;

/** The node:util parseArgs options for the CLI's export flags. */
export function cliFlags(): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(EXPORT_OPTIONS.map((option) => [option.flag, { type: option.value ? 'string' : 'boolean' }]));
}

/** The CLI's parsed flags as the query the REST route would receive. */
export function queryFromFlags(values: Record<string, string | boolean | undefined>): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const option of EXPORT_OPTIONS) {
    const value = values[option.flag];
    if (option.on !== undefined) query[option.query] = value === true ? option.on : undefined;
    else query[option.query] = typeof value === 'string' ? value : undefined;
  }
  return query;
}

export function filterOf(query: ExportQuery): DatasetFilter {
  return {
    review: query.review ?? 'not-rejected',
    since: query.since ? new Date(query.since) : undefined,
    includeReplaced: query.replaced === 'include',
    minAgreement: query.minAgreement,
    perceivedMatchesIntended: query.perceivedMatchesIntended === true,
  };
}
