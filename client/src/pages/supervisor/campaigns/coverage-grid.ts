// The campaign's coverage grid: one row per sentence, one column per emotion × intensity.
import type { Emotion, Intensity } from '@emovox/server/protocol';
import type { Campaign, Coverage } from '../../../lib/campaigns/types';

export interface GridColumn {
  emotion: Emotion;
  intensity: Intensity | null;
}

export interface GridRow {
  sentenceId: string;
  text: string;
  /** Saved, non-rejected takes per column, in the order of `columns`. */
  counts: number[];
}

export interface CoverageGrid {
  columns: GridColumn[];
  rows: GridRow[];
  /** Cells with at least `takesPerCell` takes. */
  done: number;
}

const key = (sentenceId: string, emotion: string, intensity: string | null) => `${sentenceId}|${emotion}|${intensity ?? ''}`;

export function coverageGrid(campaign: Pick<Campaign, 'sentenceIds' | 'emotions' | 'intensities' | 'takesPerCell'>, coverage: Coverage): CoverageGrid {
  const columns = campaign.emotions.flatMap((emotion) => campaign.intensities.map((intensity) => ({ emotion, intensity })));
  const saved = new Map<string, number>();
  const texts = new Map<string, string>();
  for (const cell of coverage.cells) {
    saved.set(key(cell.sentenceId, cell.emotion, cell.intensity), cell.saved);
    texts.set(cell.sentenceId, cell.sentenceText);
  }
  // The campaign's own order of sentences; any sentence the coverage names beyond it comes after.
  const ids = [...campaign.sentenceIds, ...[...texts.keys()].filter((id) => !campaign.sentenceIds.includes(id))];
  let done = 0;
  const rows = ids.map((sentenceId) => {
    const counts = columns.map((column) => saved.get(key(sentenceId, column.emotion, column.intensity)) ?? 0);
    done += counts.filter((count) => count >= campaign.takesPerCell).length;
    return { sentenceId, text: texts.get(sentenceId) ?? sentenceId, counts };
  });
  return { columns, rows, done };
}

/** Shading 0 (nothing) .. 4 (the cell is done): the scale is the campaign's target, not the largest cell. */
export function cellLevel(count: number, takesPerCell: number): number {
  if (count <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / Math.max(1, takesPerCell)) * 4)));
}
