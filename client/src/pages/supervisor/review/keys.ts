export type ReviewAction = 'next' | 'previous' | 'play' | 'accept' | 'reject' | 'gold';

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target: EventTarget | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Space already means "press" on these; taking it over would break keyboard use of the page. */
const PRESSABLE = new Set(['BUTTON', 'A', 'AUDIO', 'SUMMARY']);

/** The review shortcut a key press stands for: j/k move, space plays, a accepts, r rejects, g toggles gold. */
export function reviewKeyAction(event: KeyLike): ReviewAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName ?? '';
  if (TYPING.has(tag) || target?.isContentEditable) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'a':
      return 'accept';
    case 'r':
      return 'reject';
    case 'g':
      return 'gold';
    case ' ':
      return PRESSABLE.has(tag) ? null : 'play';
    default:
      return null;
  }
}

/** The index after a move, staying within the list. */
export function moveSelection(index: number, length: number, action: 'next' | 'previous'): number {
  if (length === 0) return -1;
  if (index < 0) return 0;
  return Math.max(0, Math.min(length - 1, index + (action === 'next' ? 1 : -1)));
}
