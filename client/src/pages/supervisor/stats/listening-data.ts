// Shapes GET /stats `perception` into what the listening section draws. Pure, so it is tested without a DOM.
import { EMOTIONS, type Emotion } from '@emovox/server/protocol';
import { HEARD, type Heard, type ListenerRow, type PerceptionStats } from '../../../lib/listen-types';

export interface ConfusionCell {
  intended: Emotion;
  perceived: Heard;
  count: number;
  /** Share of the row (takes of that intended emotion): what the colour shows. */
  share: number;
}

export interface ConfusionGrid {
  rows: { intended: Emotion; total: number; cells: ConfusionCell[] }[];
  total: number;
}

/** Intended × perceived, in the vocabulary's order, with zeros, each cell's share of its row. */
export function confusionGrid(confusion: PerceptionStats['confusion']): ConfusionGrid {
  const count = (intended: Emotion, perceived: Heard) =>
    confusion.filter((entry) => entry.intended === intended && entry.perceived === perceived).reduce((sum, entry) => sum + entry.count, 0);
  const rows = EMOTIONS.map((intended) => {
    const counts = HEARD.map((perceived) => count(intended, perceived));
    const total = counts.reduce((a, b) => a + b, 0);
    return { intended, total, cells: HEARD.map((perceived, i) => ({ intended, perceived, count: counts[i]!, share: total > 0 ? counts[i]! / total : 0 })) };
  });
  return { rows, total: rows.reduce((sum, row) => sum + row.total, 0) };
}

/**
 * How strongly a cell is tinted (percent of the accent mixed into the card colour). Capped so that the
 * page's own text colour stays readable on it in both themes (contrast of at least 4.5:1).
 */
export const HEAT_MAX = 45;
export const heat = (share: number) => Math.round(Math.max(0, Math.min(1, share)) * HEAT_MAX);

export type KappaReading = 'kappaPoor' | 'kappaSlight' | 'kappaFair' | 'kappaModerate' | 'kappaSubstantial' | 'kappaAlmostPerfect';

/** Landis & Koch (1977): the usual plain-language reading of κ. */
export function kappaReading(kappa: number): KappaReading {
  if (kappa < 0) return 'kappaPoor';
  if (kappa <= 0.2) return 'kappaSlight';
  if (kappa <= 0.4) return 'kappaFair';
  if (kappa <= 0.6) return 'kappaModerate';
  if (kappa <= 0.8) return 'kappaSubstantial';
  return 'kappaAlmostPerfect';
}

/** Per-listener rows: those with gold ratings first, the least accurate first. */
export function listenerRows(stats: PerceptionStats): ListenerRow[] {
  return [...stats.listenerAccuracy].sort((a, b) => {
    if ((a.goldAccuracy === null) !== (b.goldAccuracy === null)) return a.goldAccuracy === null ? 1 : -1;
    return (a.goldAccuracy ?? 0) - (b.goldAccuracy ?? 0) || b.goldRated - a.goldRated || b.rated - a.rated;
  });
}
