// What listeners perceived, on the supervisor pages: same locale signal, own dictionaries.
import { makeTranslator } from './index';
import { perceptionEn, type PerceptionKey } from './perception-en';
import { perceptionFr } from './perception-fr';

export const lp = makeTranslator<PerceptionKey>({ en: perceptionEn, fr: perceptionFr });
export type { PerceptionKey };
