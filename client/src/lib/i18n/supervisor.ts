// The supervisor pages' translator: same locale signal as the speaker app, own dictionaries,
// imported only by the lazy supervisor chunk.
import { makeTranslator } from './index';
import { supervisorEn, type SupervisorKey } from './supervisor-en';
import { supervisorFr } from './supervisor-fr';

export const st = makeTranslator<SupervisorKey>({ en: supervisorEn, fr: supervisorFr });
export type { SupervisorKey };
