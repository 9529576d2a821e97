// The coverage heatmap's data: saved takes per sentence × emotion (GET /stats bySentenceEmotion).
import { EMOTIONS, type Emotion, type Locale, type SentenceJson, type StatsJson } from '@emovox/server/protocol';

export interface CoverageRow {
  sentence: SentenceJson;
  counts: Record<Emotion, number>;
  total: number;
  /** The emotion with the fewest takes has this many: the sentence's gap. */
  least: number;
}

export interface Coverage {
  rows: CoverageRow[];
  /** The largest cell, which the shading scales to. */
  max: number;
}

const zeroCounts = () => Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0])) as Record<Emotion, number>;

export function coverageOf(
  sentences: readonly SentenceJson[],
  cells: StatsJson['bySentenceEmotion'],
  options: { locale?: Locale | null; gapsFirst?: boolean } = {},
): Coverage {
  const bySentence = new Map<string, Record<Emotion, number>>();
  for (const cell of cells) {
    const counts = bySentence.get(cell.sentenceId) ?? zeroCounts();
    counts[cell.emotion] += cell.count;
    bySentence.set(cell.sentenceId, counts);
  }
  const rows = sentences
    .filter((sentence) => sentence.active && (!options.locale || sentence.locale === options.locale))
    .map((sentence) => {
      const counts = bySentence.get(sentence.id) ?? zeroCounts();
      const values = EMOTIONS.map((emotion) => counts[emotion]);
      return { sentence, counts, total: values.reduce((a, b) => a + b, 0), least: Math.min(...values) };
    });
  rows.sort((a, b) => (options.gapsFirst ? a.least - b.least || a.total - b.total : 0) || a.sentence.text.localeCompare(b.sentence.text));
  const max = Math.max(0, ...rows.flatMap((row) => EMOTIONS.map((emotion) => row.counts[emotion])));
  return { rows, max };
}

/** Shading level 0 (none) .. 4 (the most covered cell). */
export function shadeLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((count / max) * 4));
}
