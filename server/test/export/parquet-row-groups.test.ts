// A split larger than one row group: metadata.parquet is written a group at a time as rows arrive. Read back by
// hyparquet and by Arrow's Rust reader (parquet-wasm), it holds every row in order, with the same values.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { readParquet, writeParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { METADATA_COLUMNS, type MetadataRow } from '../../src/export/metadata.js';
import { ParquetMetadata, ROWS_PER_GROUP } from '../../src/export/metadata-parquet.js';

const arrayBufferOf = (data: Uint8Array): ArrayBuffer => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

/** Row i: a column unknown in the whole first group and known afterwards, lists and votes on every other row. */
function row(i: number): MetadataRow {
  const empty = Object.fromEntries(METADATA_COLUMNS.map((column) => [column, null])) as unknown as MetadataRow;
  return {
    ...empty,
    file_name: `take-${i}.wav`,
    take_id: `take-${i}`,
    emotion: 'joy',
    duration_s: i / 8,
    sample_rate: 16000,
    flags: i % 2 === 0 ? ['too_quiet', 'cut_off'] : [],
    accent: i < ROWS_PER_GROUP ? null : `accent ${i % 7}`,
    ratings: i % 4,
    votes: i % 2 === 0 ? { joy: i % 3, sadness: 0, anger: 1, disgust: 0, fear: 0, neutral: 0, other: 0 } : null,
    gold: i % 5 === 0,
    speak_at_ms: i % 3 === 0 ? null : i,
  };
}

describe('metadata.parquet in row groups', () => {
  it('when a split holds two and a half row groups of rows, then both readers get every row back in order, and the file has three groups', async () => {
    const count = ROWS_PER_GROUP * 2 + ROWS_PER_GROUP / 2;
    const file = new ParquetMetadata();
    for (let i = 0; i < count; i += 1) file.add(row(i));
    const bytes = file.bytes();

    expect(parquetMetadata(arrayBufferOf(bytes)).row_groups.map((group) => Number(group.num_rows))).toEqual([ROWS_PER_GROUP, ROWS_PER_GROUP, ROWS_PER_GROUP / 2]);
    // A reader leaves an absent (null) struct out of the row.
    const normalise = (rows: Record<string, unknown>[]) => rows.map((read) => ({ ...read, votes: read.votes ?? null }));
    const direct = normalise((await parquetReadObjects({ file: arrayBufferOf(bytes) })) as Record<string, unknown>[]);
    expect(direct).toHaveLength(count);
    for (const i of [0, 1, ROWS_PER_GROUP - 1, ROWS_PER_GROUP, count - 1]) expect(direct[i]).toEqual(row(i));

    // Arrow reads it (and writes it out again for the other reader to compare).
    const viaArrow = normalise((await parquetReadObjects({ file: arrayBufferOf(writeParquet(readParquet(bytes))) })) as Record<string, unknown>[]);
    expect(viaArrow).toEqual(direct);
  });
});
