import { createMemo, For, Show } from 'solid-js';
import { EMOTIONS } from '@emovox/server/protocol';
import { t } from '../../../lib/i18n';
import { lp } from '../../../lib/i18n/perception';
import type { PerceptionStats } from '../../../lib/listen-types';
import { formatNumber, shortId } from '../format';
import { MiniBars } from '../MiniBars';
import { formatShare } from '../perception-format';
import { DayChart } from './BarChart';
import { dailySeries } from './chart-data';
import { ConfusionHeatmap } from './ConfusionHeatmap';
import { kappaReading, listenerRows } from './listening-data';
import '../perception.css';

const DAYS = 30;

/** Statistics of listening: counts, the confusion heatmap, recognition per emotion, Fleiss' κ, days, gold accuracy. */
export function ListeningStats(props: { perception: PerceptionStats | null | undefined }) {
  const days = createMemo(() => {
    const perDay = props.perception?.perDay ?? [];
    const series = (pick: (entry: { ratings: number; listeners: number }) => number) =>
      dailySeries(perDay.map((entry) => ({ day: entry.day, count: pick(entry), seconds: 0 })), DAYS, new Date());
    return { ratings: series((entry) => entry.ratings), listeners: series((entry) => entry.listeners) };
  });
  return (
    <section class="listening-stats" aria-labelledby="listening-title" data-testid="listening-stats">
      <h2 id="listening-title">{lp('listeningTitle')}</h2>
      <Show when={props.perception && props.perception.ratings > 0 && props.perception} fallback={<p class="card muted" data-testid="listening-empty">{lp('listeningEmpty')}</p>}>
        {(p) => (
          <>
            <dl class="counters-grid">
              <div>
                <dt>{lp('ratedTakes')}</dt>
                <dd>{formatNumber(p().ratedTakes)}</dd>
              </div>
              <div>
                <dt>{lp('ratings')}</dt>
                <dd>{formatNumber(p().ratings)}</dd>
              </div>
              <div>
                <dt>{lp('listeners')}</dt>
                <dd data-testid="listener-count">{formatNumber(p().listeners)}</dd>
              </div>
            </dl>
            <ConfusionHeatmap confusion={p().confusion} />
            <div class="listening-grid">
              <div class="card">
                <MiniBars
                  caption={lp('recognitionTitle')}
                  testId="recognition"
                  bars={EMOTIONS.map((emotion) => {
                    const rate = p().recognitionByEmotion[emotion] ?? null;
                    return { key: emotion, label: t(emotion), fraction: rate ?? 0, text: rate === null ? lp('noData') : formatShare(rate) };
                  })}
                />
                <p class="muted small">{lp('recognitionHint')}</p>
              </div>
              <div class="card kappa" data-testid="kappa">
                <h3>{lp('kappaTitle')}</h3>
                <Show when={p().fleissKappa !== null} fallback={<p class="muted">{lp('kappaNone')}</p>}>
                  <p>
                    <span class="kappa-value">κ = {formatNumber(p().fleissKappa!, 2)}</span>
                    <br />
                    {lp(kappaReading(p().fleissKappa!))}
                  </p>
                </Show>
                <p class="muted small">{lp('kappaScale')}</p>
              </div>
            </div>
            <Show when={p().perDay}>
              <div class="chart-grid">
                <DayChart title={lp('ratingsPerDay', { n: DAYS })} days={days().ratings} />
                <DayChart title={lp('listenersPerDay', { n: DAYS })} days={days().listeners} />
              </div>
            </Show>
            <ListenerTable perception={p()} />
          </>
        )}
      </Show>
    </section>
  );
}

function ListenerTable(props: { perception: PerceptionStats }) {
  const rows = () => listenerRows(props.perception).filter((row) => row.goldRated > 0);
  return (
    <div class="card" data-testid="listener-gold">
      <h3 id="listener-gold-title">{lp('goldAccuracyTitle')}</h3>
      <p class="muted small">{lp('goldAccuracyHint')}</p>
      <Show when={rows().length > 0} fallback={<p class="muted">{lp('noListeners')}</p>}>
        <div class="heatmap-wrap" role="region" aria-labelledby="listener-gold-title" tabindex="0">
          <table class="listener-table">
            <thead>
              <tr>
                <th scope="col">{lp('listenerId')}</th>
                <th scope="col" class="num">{lp('rated')}</th>
                <th scope="col" class="num">{lp('goldRated')}</th>
                <th scope="col" class="num">{lp('goldAccuracy')}</th>
                <th scope="col">{lp('counted')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr data-listener={row.listenerId}>
                    <td>
                      <code title={row.listenerId}>{shortId(row.listenerId)}</code>
                    </td>
                    <td class="num">{formatNumber(row.rated)}</td>
                    <td class="num">{formatNumber(row.goldRated)}</td>
                    <td class="num">{formatShare(row.goldAccuracy)}</td>
                    <td>{row.counted ? lp('yes') : lp('excluded')}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
