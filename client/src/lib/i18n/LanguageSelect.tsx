import { For } from 'solid-js';
import { LOCALES, type Locale } from '@emovox/server/protocol';
import { locale, setLocale, t } from './index';

/** The language switch of every page's top bar. */
export function LanguageSelect() {
  return (
    <label class="lang">
      <span class="sr-only">{t('language')}</span>
      <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
        <For each={LOCALES}>{(code) => <option value={code}>{code === 'fr' ? 'Français' : 'English'}</option>}</For>
      </select>
    </label>
  );
}
