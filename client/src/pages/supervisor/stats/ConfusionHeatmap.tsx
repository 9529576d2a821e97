import { For, Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { lp } from '../../../lib/i18n/perception';
import { HEARD, type PerceptionStats } from '../../../lib/listen-types';
import { formatNumber } from '../format';
import { formatShare, heardName } from '../perception-format';
import { confusionGrid, heat } from './listening-data';

/**
 * Intended × perceived as a table: each cell shows its count and share of the row as text, and the colour
 * (the accent mixed into the card, so it follows the theme) repeats the share. The diagonal is outlined.
 */
export function ConfusionHeatmap(props: { confusion: PerceptionStats['confusion'] }) {
  const grid = () => confusionGrid(props.confusion);
  return (
    <figure class="card chart" data-testid="confusion">
      <figcaption id="confusion-title">{lp('confusionTitle')}</figcaption>
      <Show when={grid().total > 0} fallback={<p class="muted">{lp('confusionEmpty')}</p>}>
        {/* Scrolls sideways on a phone; focusable so that the keyboard can scroll it too. */}
        <div class="heatmap-wrap" role="region" aria-labelledby="confusion-title" tabindex="0">
          <table class="heatmap">
            <caption>{lp('confusionCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span class="sr-only">{lp('intended')}</span>
                </th>
                <For each={HEARD}>{(heard) => <th scope="col">{heardName(heard)}</th>}</For>
                <th scope="col">{lp('rowTotal')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={grid().rows}>
                {(row) => (
                  <tr data-intended={row.intended}>
                    <th scope="row">{t(row.intended)}</th>
                    <For each={row.cells}>
                      {(cell) => (
                        <td
                          classList={{ diagonal: cell.perceived === cell.intended }}
                          data-perceived={cell.perceived}
                          data-heat={heat(cell.share)}
                          style={{ 'background-color': `color-mix(in srgb, var(--accent) ${heat(cell.share)}%, var(--card))` }}
                          title={lp('confusionCell', {
                            intended: t(cell.intended),
                            perceived: heardName(cell.perceived),
                            count: cell.count,
                            pct: formatShare(cell.share),
                          })}
                        >
                          {formatNumber(cell.count)}
                          <Show when={cell.count > 0}>
                            <span class="share">{formatShare(cell.share)}</span>
                          </Show>
                        </td>
                      )}
                    </For>
                    <td>{formatNumber(row.total)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </figure>
  );
}
