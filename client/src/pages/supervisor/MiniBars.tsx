import { For } from 'solid-js';

export interface MiniBar {
  key: string;
  label: string;
  /** 0..1 of the track. */
  fraction: number;
  /** The value as read: a count, a percentage. */
  text: string;
  highlight?: boolean;
}

/** Small labelled bars in a list: the label and value are real text, so the list is its own text alternative. */
export function MiniBars(props: { caption: string; bars: MiniBar[]; testId?: string }) {
  return (
    <figure class="votes" data-testid={props.testId}>
      <figcaption>{props.caption}</figcaption>
      <ul>
        <For each={props.bars}>
          {(bar) => (
            <li classList={{ intended: !!bar.highlight }} data-heard={bar.key}>
              <span class="votes-label">{bar.label}</span>
              <span class="votes-track" aria-hidden="true">
                <span class="votes-bar" style={{ width: `${Math.max(0, Math.min(1, bar.fraction)) * 100}%` }} />
              </span>
              <span class="votes-count">{bar.text}</span>
            </li>
          )}
        </For>
      </ul>
    </figure>
  );
}
