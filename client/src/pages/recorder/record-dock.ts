import { onCleanup } from 'solid-js';

/**
 * On a phone the record dock is fixed to the bottom of the screen (recorder.css), so Record and Stop sit
 * under the same finger whatever the page above does. Its height, as `--dock-height`, keeps the page's end
 * and the result's Next button clear of it.
 */
export function trackDockHeight(dock: HTMLElement): void {
  const root = document.documentElement;
  const update = () => root.style.setProperty('--dock-height', `${Math.ceil(dock.getBoundingClientRect().height)}px`);
  const observer = new ResizeObserver(update);
  observer.observe(dock);
  update();
  onCleanup(() => {
    observer.disconnect();
    root.style.removeProperty('--dock-height');
  });
}
