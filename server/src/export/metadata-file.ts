// One split's metadata file as the export fills it, row by row: text lines for CSV and JSONL, row groups encoded as
// they fill for Parquet. Only text is kept, never audio.
import { metadataHeader, metadataLine, type MetadataFormat, type MetadataRow } from './metadata.js';
import { ParquetMetadata } from './metadata-parquet.js';

export interface MetadataFile {
  add(row: MetadataRow): void;
  bytes(): Buffer;
}

export function metadataFile(format: MetadataFormat): MetadataFile {
  if (format === 'parquet') return new ParquetMetadata();
  const lines = [metadataHeader(format)];
  return { add: (row) => void lines.push(metadataLine(row, format)), bytes: () => Buffer.from(lines.join(''), 'utf8') };
}
