import { createMemo, createSignal, For, Show } from 'solid-js';
import { EMOTIONS, type Locale, type SentenceJson, type StatsJson } from '@emovox/server/protocol';
import { t } from '../../../lib/i18n';
import { st } from '../../../lib/i18n/supervisor';
import { coverageOf, shadeLevel } from './coverage';

/** Saved takes per sentence × emotion, as a shaded table: the pale cells are the gaps. */
export function CoverageHeatmap(props: { sentences: SentenceJson[]; cells: StatsJson['bySentenceEmotion']; locale: Locale | null }) {
  const [gapsFirst, setGapsFirst] = createSignal(true);
  const coverage = createMemo(() => coverageOf(props.sentences, props.cells, { locale: props.locale, gapsFirst: gapsFirst() }));
  return (
    <section class="coverage" aria-label={st('coverageTitle')}>
      <div class="page-head">
        <label class="inline">
          <input type="checkbox" checked={gapsFirst()} onChange={(e) => setGapsFirst(e.currentTarget.checked)} />
          {st('gapsFirst')}
        </label>
      </div>
      <p class="muted">{st('coverageHint')}</p>
      <Show when={coverage().rows.length > 0} fallback={<p class="muted">{st('noSentences')}</p>}>
        <div class="table-scroll">
          <table class="heatmap" data-testid="heatmap">
            <caption class="sr-only">{st('coverageHint')}</caption>
            <thead>
              <tr>
                <th scope="col">{st('sentenceText')}</th>
                <For each={EMOTIONS}>{(emotion) => <th scope="col">{t(emotion)}</th>}</For>
                <th scope="col">{st('total')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={coverage().rows}>
                {(row) => (
                  <tr>
                    <th scope="row" title={row.sentence.text}>
                      {row.sentence.text}
                    </th>
                    <For each={EMOTIONS}>
                      {(emotion) => (
                        <td data-level={shadeLevel(row.counts[emotion], coverage().max)} data-emotion={emotion}>
                          {row.counts[emotion]}
                        </td>
                      )}
                    </For>
                    <td class="total">{row.total}</td>
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
