// Page-wide keyboard shortcuts: listeners on window for as long as the component that set them lives.
import { onCleanup } from 'solid-js';

export function onWindowKeys(handlers: { keydown?: (event: KeyboardEvent) => void; keyup?: (event: KeyboardEvent) => void }): void {
  const entries = Object.entries(handlers).filter((entry): entry is ['keydown' | 'keyup', (event: KeyboardEvent) => void] => entry[1] !== undefined);
  for (const [type, handler] of entries) window.addEventListener(type, handler);
  onCleanup(() => {
    for (const [type, handler] of entries) window.removeEventListener(type, handler);
  });
}
