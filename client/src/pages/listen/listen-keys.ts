// The /listen page's keyboard map. Keys are matched by their physical place (KeyboardEvent.code), so that
// one map works on QWERTY and AZERTY alike: the digit row gives the emotion whether or not Shift is needed
// for digits (AZERTY), and the five leftmost keys of the top letter row (Q W E R T, or A Z E R T) give the
// intensity 1–5.
import { EMOTIONS } from '@emovox/server/protocol';
import type { Heard, IntensityLevel } from '../../lib/listen-types';

export type ListenAction =
  | { kind: 'emotion'; emotion: Heard }
  | { kind: 'intensity'; level: IntensityLevel }
  | { kind: 'replay' }
  | { kind: 'submit' };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target: EventTarget | null;
}

export const INTENSITY_CODES = ['KeyQ', 'KeyW', 'KeyE', 'KeyR', 'KeyT'] as const;

/** 1–6 are the six emotions in the contract's order, 0 is "other". */
function heardOfDigit(digit: number): Heard | null {
  if (digit === 0) return 'other';
  return EMOTIONS[digit - 1] ?? null;
}

function digitOf(event: KeyLike): number | null {
  const byCode = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (byCode) return Number(byCode[1]);
  // A keyboard that reports no physical code (some virtual ones): the character itself.
  if (!event.code && /^[0-9]$/.test(event.key)) return Number(event.key);
  return null;
}

/** Elements whose own Space and Enter must keep working for keyboard and screen reader users. */
function ownsSpace(target: HTMLElement | null): boolean {
  return !!target?.closest('button, a[href], input, select, textarea, summary, [contenteditable="true"]');
}
function ownsEnter(target: HTMLElement | null): boolean {
  return !!target?.closest('button, a[href], select, textarea, summary, [contenteditable="true"]');
}

/** The action a key press stands for on the listening page, or null to leave the key alone. */
export function listenKeyAction(event: KeyLike): ListenAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (target?.closest('input[type="text"], input:not([type]), textarea, select, [contenteditable="true"]')) return null;
  const digit = digitOf(event);
  if (digit !== null) {
    const emotion = heardOfDigit(digit);
    return emotion ? { kind: 'emotion', emotion } : null;
  }
  const level = INTENSITY_CODES.indexOf(event.code as (typeof INTENSITY_CODES)[number]);
  if (level >= 0) return { kind: 'intensity', level: (level + 1) as IntensityLevel };
  if (event.code === 'Space' || event.key === ' ') return ownsSpace(target) ? null : { kind: 'replay' };
  if (event.key === 'Enter' || event.code === 'NumpadEnter') return ownsEnter(target) ? null : { kind: 'submit' };
  return null;
}

/** The five intensity keys as this keyboard prints them (Chromium's layout map), else as on QWERTY. */
export async function intensityKeyLabels(): Promise<string[]> {
  const fallback = ['Q', 'W', 'E', 'R', 'T'];
  const keyboard = (navigator as Navigator & { keyboard?: { getLayoutMap?: () => Promise<Map<string, string>> } }).keyboard;
  if (!keyboard?.getLayoutMap) return fallback;
  try {
    const map = await keyboard.getLayoutMap();
    return INTENSITY_CODES.map((code, i) => (map.get(code) ?? fallback[i]!).toUpperCase());
  } catch {
    return fallback;
  }
}
