import { For } from 'solid-js';
import { t, type MessageKey } from '../../lib/i18n';

const STEPS: MessageKey[] = ['micHelpChrome', 'micHelpFirefox', 'micHelpSafari', 'micHelpPhone'];

/** How to allow a refused microphone in the common browsers. */
export function MicHelp() {
  return (
    <section class="mic-help" aria-labelledby="mic-help-title" data-testid="mic-help">
      <h2 id="mic-help-title">{t('micHelpTitle')}</h2>
      <ul>
        <For each={STEPS}>{(key) => <li>{t(key)}</li>}</For>
      </ul>
    </section>
  );
}
