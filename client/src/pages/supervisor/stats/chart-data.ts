// Shapes GET /stats into what the bar charts draw. Pure, so it is tested without a DOM.
import type { StatsJson } from '@emovox/server/protocol';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/** Bars in the vocabulary's order (zeros kept, so gaps show), then any other key that has takes. */
export function barsOf(counts: Record<string, number>, order: readonly string[], label: (key: string) => string): Bar[] {
  const extra = Object.keys(counts).filter((key) => !order.includes(key) && (counts[key] ?? 0) > 0);
  return [...order, ...extra].map((key) => ({ key, label: label(key), value: counts[key] ?? 0 }));
}

const DAY_MS = 86_400_000;

/** The last `days` UTC days up to `today`, oldest first, with 0 for days without a saved take. */
export function dailySeries(perDay: StatsJson['perDay'], days: number, today: Date): StatsJson['perDay'] {
  const byDay = new Map(perDay.map((entry) => [entry.day, entry]));
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, count: 0, seconds: 0 };
  });
}

/** A round axis top at or above `value`: 1, 2 or 5 times a power of ten (at least 1). */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

/** An amount of audio in the unit that reads best: seconds, minutes below an hour, then hours. */
export function audioAmount(seconds: number): { unit: 'seconds' | 'minutes' | 'hours'; value: number } {
  if (seconds < 60) return { unit: 'seconds', value: Math.round(seconds) };
  if (seconds < 3600) return { unit: 'minutes', value: Math.round((seconds / 60) * 10) / 10 };
  const hours = seconds / 3600;
  return { unit: 'hours', value: hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours) };
}
