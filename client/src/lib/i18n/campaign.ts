// The guided-session translator: same locale signal, its own dictionaries.
import { campaignEn, type CampaignKey } from './campaign-en';
import { campaignFr } from './campaign-fr';
import { makeTranslator } from './index';

export const ct = makeTranslator<CampaignKey>({ en: campaignEn, fr: campaignFr });
export type { CampaignKey };
