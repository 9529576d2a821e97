// One split's metadata file as the export fills it, row by row: text lines for CSV and JSONL, the rows themselves
// for Parquet (written whole at the end, with its schema). Only text is kept, never audio.
import { metadataHeader, metadataLine, type MetadataFormat, type MetadataRow } from './metadata.js';
import { metadataParquet } from './metadata-parquet.js';

export interface MetadataFile {
  add(row: MetadataRow): void;
  bytes(): Buffer;
}

export function metadataFile(format: MetadataFormat): MetadataFile {
  if (format === 'parquet') {
    const rows: MetadataRow[] = [];
    return { add: (row) => void rows.push(row), bytes: () => metadataParquet(rows) };
  }
  const lines = [metadataHeader(format)];
  return { add: (row) => void lines.push(metadataLine(row, format)), bytes: () => Buffer.from(lines.join(''), 'utf8') };
}
