import { Match, Switch } from 'solid-js';
import type { SentenceOrNone } from '../../lib/api';
import { t } from '../../lib/i18n';

/** `sentence` is undefined while loading and null when there is none in this language. */
export function SentenceCard(props: { sentence: SentenceOrNone | undefined; text?: string | null; locked: boolean; onAnother: () => void }) {
  return (
    <section class="card sentence" aria-labelledby="sentence-title">
      <h2 id="sentence-title" class="eyebrow">{t('readThis')}</h2>
      <Switch>
        <Match when={props.text}>
          <p class="sentence-text" lang={props.sentence?.locale}>{props.text}</p>
        </Match>
        <Match when={props.sentence === undefined}>
          <p class="muted">{t('loadingSentence')}</p>
        </Match>
        <Match when={props.sentence === null}>
          <p class="empty">{t('noSentence')}</p>
        </Match>
        <Match when={props.sentence}>
          {(sentence) => <p class="sentence-text" lang={sentence().locale}>{sentence().text}</p>}
        </Match>
      </Switch>
      <button type="button" onClick={() => props.onAnother()} disabled={props.locked}>
        {t('anotherSentence')}
      </button>
    </section>
  );
}
