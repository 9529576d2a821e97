// The /listen page's translator: same locale signal, own dictionaries, loaded with the lazy listening chunk.
import { makeTranslator } from './index';
import { listenEn, type ListenKey } from './listen-en';
import { listenFr } from './listen-fr';

export const lt = makeTranslator<ListenKey>({ en: listenEn, fr: listenFr });
export type { ListenKey };
