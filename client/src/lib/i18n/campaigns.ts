// The campaigns page's translator, imported only by the lazy supervisor chunk.
import { campaignsEn, type CampaignsKey } from './campaigns-en';
import { campaignsFr } from './campaigns-fr';
import { makeTranslator } from './index';

export const cst = makeTranslator<CampaignsKey>({ en: campaignsEn, fr: campaignsFr });
export type { CampaignsKey };
