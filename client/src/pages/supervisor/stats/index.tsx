import { createMemo, createResource, Show } from 'solid-js';
import { EMOTIONS, LOCALES, REVIEW_STATES, TAKE_STATES, type Emotion, type ReviewState, type TakeState } from '@emovox/server/protocol';
import { t } from '../../../lib/i18n';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { formatNumber } from '../format';
import { BarChart, DayChart } from './BarChart';
import { audioText } from './audio-text';
import { barsOf, dailySeries } from './chart-data';
import { ExportPanel } from './ExportPanel';
import { ListeningStats } from './ListeningStats';

const DAYS = 30;


/** Counts by emotion, state, review and locale, audio hours, and takes per day, as small SVG charts. */
export function StatsPage() {
  const [stats, { refetch }] = createResource(() => supervisorApi.stats());
  const days = createMemo(() => dailySeries(stats()?.perDay ?? [], DAYS, new Date()));
  const savedTakes = () => (stats()?.byState.saved ?? 0);
  const allTakes = () => Object.values(stats()?.byState ?? {}).reduce((a, b) => a + b, 0);

  return (
    <div class="stats-page">
      <div class="page-head">
        <h1>{st('statsTitle')}</h1>
        <button type="button" onClick={() => void refetch()}>
          {st('refresh')}
        </button>
      </div>
      <Show when={stats()} fallback={<p class="muted">{st('loading')}</p>}>
        {(s) => (
          <>
            <div role="status">
            <dl class="counters-grid" data-testid="stat-totals">
              <div>
                <dt>{st('audioSaved')}</dt>
                <dd data-testid="audio-saved">{audioText(s().totalSavedSeconds)}</dd>
              </div>
              <div>
                <dt>{st('savedTakes')}</dt>
                <dd>{formatNumber(savedTakes())}</dd>
              </div>
              <div>
                <dt>{st('allTakes')}</dt>
                <dd>{formatNumber(allTakes())}</dd>
              </div>
            </dl>
            </div>
            <div class="chart-grid">
              <BarChart title={st('byEmotion')} bars={barsOf(s().byEmotion, EMOTIONS, (key) => t(key as Emotion))} />
              <BarChart title={st('byState')} bars={barsOf(s().byState, TAKE_STATES, (key) => st(`state_${key as TakeState}`))} />
              <BarChart title={st('byReview')} bars={barsOf(s().byReview, REVIEW_STATES, (key) => st(`review_${key as ReviewState}`))} />
              <BarChart
                title={st('byLocale')}
                bars={barsOf(s().byLocale, LOCALES, (key) => st(`locale_${key === 'fr' || key === 'en' ? key : 'unknown'}`))}
              />
            </div>
            <DayChart title={st('perDay', { n: DAYS })} days={days()} />
            <ListeningStats perception={s().perception} />
          </>
        )}
      </Show>
      <ExportPanel />
    </div>
  );
}
