// The type `datasets` would infer for each metadata column of each split. The audiofolder builder infers every split's
// types from that split's own metadata file (pandas for CSV, Arrow's JSON reader for JSONL) and refuses to load when
// they differ ("have different features"). A column known in one split and unknown in every row of another differs
// so; the card names such columns, with a way to load anyway. Parquet metadata states its types: no split differs.
import { FLOAT_COLUMNS, METADATA_COLUMNS, type Cell, type MetadataColumn, type MetadataFormat, type MetadataRow } from './metadata.js';
import { SPLITS, type Split } from './split-assignment.js';

interface Seen {
  empty: boolean;
  /** The kinds of the known values: int, float, bool, string, list, struct. */
  kinds: Set<string>;
}

function kindOf(column: MetadataColumn, value: Cell): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : 'list';
  if (typeof value === 'number') return FLOAT_COLUMNS.has(column) || !Number.isInteger(value) ? 'float' : 'int';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object') return 'struct';
  return value === '' ? null : 'string';
}

/** pandas: no value at all reads as float64; integers with a gap read as float64; anything mixed as text. */
function csvType(seen: Seen): string {
  if (seen.kinds.size === 0) return 'float';
  if (seen.kinds.size > 1) return seen.kinds.has('string') || seen.kinds.has('bool') ? 'string' : 'float';
  const [kind] = seen.kinds;
  if (kind === 'int') return seen.empty ? 'float' : 'int';
  return kind === 'list' || kind === 'struct' ? 'string' : kind!;
}

/** Arrow's JSON reader: no value at all reads as null; an empty list as a list of nulls; integers stay integers. */
function jsonlType(seen: Seen, column: MetadataColumn, anyEmptyList: boolean): string {
  if (seen.kinds.size === 0) return anyEmptyList ? 'list<null>' : 'null';
  if (seen.kinds.size > 1) return seen.kinds.has('float') && seen.kinds.has('int') && seen.kinds.size === 2 ? 'float' : `mixed:${column}`;
  return [...seen.kinds][0]!;
}

export class ColumnKinds {
  private readonly seen = new Map<string, Seen>();
  private readonly emptyLists = new Set<string>();

  constructor(private readonly format: MetadataFormat) {}

  add(split: Split, row: MetadataRow): void {
    // A Parquet file states its columns' types, the same in every split (metadata-parquet.ts): nothing to infer.
    if (this.format === 'parquet') return;
    for (const column of METADATA_COLUMNS) {
      const key = `${split}:${column}`;
      const seen = this.seen.get(key) ?? { empty: false, kinds: new Set<string>() };
      const value = row[column];
      const kind = kindOf(column, value);
      if (kind === null) seen.empty = true;
      else seen.kinds.add(kind);
      if (Array.isArray(value) && value.length === 0) this.emptyLists.add(key);
      this.seen.set(key, seen);
    }
  }

  /** Columns whose inferred type is not the same in every split that holds takes. */
  differing(): MetadataColumn[] {
    const present = SPLITS.filter((split) => this.seen.has(`${split}:file_name`));
    return METADATA_COLUMNS.filter((column) => {
      const types = new Set(
        present.map((split) => {
          const key = `${split}:${column}`;
          const seen = this.seen.get(key)!;
          return this.format === 'csv' ? csvType(seen) : jsonlType(seen, column, this.emptyLists.has(key));
        }),
      );
      return types.size > 1;
    });
  }
}
