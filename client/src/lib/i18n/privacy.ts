// The translator of the privacy views: same locale signal, own small dictionaries, so that these strings do
// not crowd the recorder's.
import { makeTranslator } from './index';
import { privacyEn, type PrivacyKey } from './privacy-en';
import { privacyFr } from './privacy-fr';

export const pt = makeTranslator<PrivacyKey>({ en: privacyEn, fr: privacyFr });
export type { PrivacyKey };
