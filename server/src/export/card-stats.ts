// What the dataset card reports, gathered row by row while the export streams (a few numbers per take).
import { fleissKappa, type Votes } from '../listening/consensus.js';
import { EMOTIONS, type Emotion } from '../protocol/index.js';
import { ColumnKinds } from './column-kinds.js';
import type { MetadataFormat, MetadataRow } from './metadata.js';
import { SPLITS, type Split } from './split-assignment.js';

type Tally = Map<string, number>;
const bump = (tally: Tally, key: string, by = 1) => tally.set(key, (tally.get(key) ?? 0) + by);
const cellText = (value: unknown) => (value === null || value === undefined ? 'unknown' : String(value));

export interface SplitStats {
  takes: number;
  seconds: number;
  speakers: Set<string>;
  byEmotion: Tally;
  byLocale: Tally;
}

export class CardStats {
  readonly splits = Object.fromEntries(
    SPLITS.map((split) => [split, { takes: 0, seconds: 0, speakers: new Set<string>(), byEmotion: new Map(), byLocale: new Map() }]),
  ) as Record<Split, SplitStats>;
  /** Takes with at least one counted rating, and their votes (for Fleiss' kappa). */
  readonly rated: Votes[] = [];
  countedRatings = 0;
  agreementSum = 0;
  /** Per intended emotion: takes with a perceived emotion (no tie), and those where it is the intended one. */
  readonly recognition = new Map<Emotion, { decided: number; matched: number }>();
  /** Per capture setting (echo_cancellation, …): true, false or unknown. */
  readonly capture = new Map<string, Tally>();
  /** Every rating in ratings.csv, and the distinct raters. */
  ratingRows = 0;
  readonly raters = new Set<string>();
  /** What `datasets` would infer for each column of each split. */
  readonly kinds: ColumnKinds;

  constructor(format: MetadataFormat) {
    this.kinds = new ColumnKinds(format);
  }

  addRow(row: MetadataRow): void {
    this.kinds.add(row.split as Split, row);
    const split = this.splits[row.split as Split];
    split.takes += 1;
    split.seconds += typeof row.duration_s === 'number' ? row.duration_s : 0;
    split.speakers.add(String(row.speaker_id));
    bump(split.byEmotion, String(row.emotion));
    bump(split.byLocale, cellText(row.locale));
    if (typeof row.ratings === 'number' && row.ratings > 0 && row.votes !== null && typeof row.votes === 'object' && !Array.isArray(row.votes)) {
      this.rated.push(row.votes as Votes);
      this.countedRatings += row.ratings;
      this.agreementSum += typeof row.agreement === 'number' ? row.agreement : 0;
    }
    if (row.perceived_emotion !== null) {
      const entry = this.recognition.get(row.emotion as Emotion) ?? { decided: 0, matched: 0 };
      entry.decided += 1;
      if (row.perceived_emotion === row.emotion) entry.matched += 1;
      this.recognition.set(row.emotion as Emotion, entry);
    }
    for (const setting of ['echo_cancellation', 'noise_suppression', 'auto_gain_control', 'capture_sample_rate', 'mime_type'] as const) {
      const tally = this.capture.get(setting) ?? new Map<string, number>();
      bump(tally, cellText(row[setting]));
      this.capture.set(setting, tally);
    }
  }

  addRating(raterId: string): void {
    this.ratingRows += 1;
    this.raters.add(raterId);
  }

  get takes(): number {
    return SPLITS.reduce((sum, split) => sum + this.splits[split].takes, 0);
  }

  get meanAgreement(): number | null {
    return this.rated.length === 0 ? null : this.agreementSum / this.rated.length;
  }

  get kappa(): number | null {
    return fleissKappa(this.rated);
  }

  /** Every emotion in class-label order (with 0 where none), then any other value found (none expected). */
  emotionsSeen(): string[] {
    const seen = new Set(SPLITS.flatMap((split) => [...this.splits[split].byEmotion.keys()]));
    return [...EMOTIONS, ...[...seen].filter((value) => !(EMOTIONS as readonly string[]).includes(value))];
  }

  localesSeen(): string[] {
    return [...new Set(SPLITS.flatMap((split) => [...this.splits[split].byLocale.keys()]))].sort();
  }
}
