import { For, Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { cst } from '../../../lib/i18n/campaigns';
import type { Campaign, Coverage } from '../../../lib/campaigns/types';
import { cellLevel, coverageGrid } from './coverage-grid';

/** Sentence × emotion (× intensity) as a shaded table with numbers; a cell is full at the campaign's target. */
export function CoverageGrid(props: { campaign: Campaign; coverage: Coverage }) {
  const grid = () => coverageGrid(props.campaign, props.coverage);
  const withIntensity = () => props.campaign.intensities.some((level) => level !== null);
  const columnLabel = (column: { emotion: Campaign['emotions'][number]; intensity: Campaign['intensities'][number] }) =>
    withIntensity() ? `${t(column.emotion)} · ${column.intensity ? t(column.intensity) : cst('intensityNone')}` : t(column.emotion);
  return (
    <section class="card campaign-coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{cst('coverageTitle')}</h2>
      <p class="muted" id="coverage-hint">{cst('coverageHint', { n: props.campaign.takesPerCell })}</p>
      <Show when={grid().rows.length > 0} fallback={<p class="muted">{cst('coverageEmpty')}</p>}>
        <div class="table-scroll">
          <table class="heatmap" data-testid="coverage-grid" aria-describedby="coverage-hint">
            <caption class="sr-only">{cst('coverageTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{cst('sentence')}</th>
                <For each={grid().columns}>{(column) => <th scope="col">{columnLabel(column)}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={grid().rows}>
                {(row) => (
                  <tr data-sentence={row.sentenceId}>
                    <th scope="row" title={row.text}>
                      {row.text}
                    </th>
                    <For each={row.counts}>
                      {(count, index) => (
                        <td
                          data-level={cellLevel(count, props.campaign.takesPerCell)}
                          data-emotion={grid().columns[index()]!.emotion}
                          data-intensity={grid().columns[index()]!.intensity ?? ''}
                          classList={{ full: count >= props.campaign.takesPerCell }}
                        >
                          {count}
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
