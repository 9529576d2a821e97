import { createSignal } from 'solid-js';
import type { Locale } from '@emovox/server/protocol';
import { en, type MessageKey } from './en';
import { fr } from './fr';

const dictionaries = { en, fr } as const;
const STORAGE_KEY = 'emovox.lang';

function isLocale(value: string | null | undefined): value is Locale {
  return value === 'fr' || value === 'en';
}

/** `?lang=` wins, then the speaker's last choice, then the browser's language. */
export function detectLocale(search: string, stored: string | null, browserLanguages: readonly string[]): Locale {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLocale(fromQuery)) return fromQuery;
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(
  detectLocale(location.search, readStored(), navigator.languages ?? [navigator.language]),
);

export { locale };

/** The speaker's choice: remembered, and it replaces a `?lang=` (which applies to one visit only) in the address. */
export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.delete('lang');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
}

export type Vars = Record<string, string | number>;

/**
 * A reactive translator over one set of dictionaries: it reads the locale signal, so JSX using
 * it updates on a switch. Lazy pages bring their own dictionaries, keeping the recorder small.
 */
export function makeTranslator<K extends string>(byLocale: Record<Locale, Record<K, string>>): (key: K, vars?: Vars) => string {
  return (key, vars) => {
    const text = byLocale[locale()][key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
  };
}

export const t = makeTranslator<MessageKey>(dictionaries);

export type { MessageKey };
