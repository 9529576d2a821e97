// Display helpers for what listeners perceived, shared by review, statistics and the live board.
import { locale, t } from '../../lib/i18n';
import { lp } from '../../lib/i18n/perception';
import type { Heard } from '../../lib/listen-types';

/** An emotion heard by listeners, in the page's language ("other" included). */
export const heardName = (heard: Heard) => (heard === 'other' ? lp('other') : t(heard));

/** 0..1 as a percentage, e.g. "60 %" in French. */
/** The listener-agreement thresholds a supervisor picks from (review filter, validated export). */
export const AGREEMENT_STEPS = ['0.5', '0.6', '0.8', '1'];

export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}
