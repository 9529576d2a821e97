// French typography across every dictionary: a no-break space before the high punctuation, and agreement.
import { describe, expect, it } from 'vitest';
import { fr } from './fr';
import { listenFr } from './listen-fr';
import { perceptionFr } from './perception-fr';
import { privacyFr } from './privacy-fr';
import { supervisorFr } from './supervisor-fr';
import { campaignFr } from './campaign-fr';
import { campaignsFr } from './campaigns-fr';

describe('French typography', () => {
  it('when a French string has a colon, semicolon, exclamation or question mark, then a no-break space comes before it', () => {
    for (const text of [
      ...Object.values(fr),
      ...Object.values(privacyFr),
      ...Object.values(supervisorFr),
      ...Object.values(listenFr),
      ...Object.values(perceptionFr),
      ...Object.values(campaignFr),
      ...Object.values(campaignsFr),
    ]) {
      for (const match of text.matchAll(/(.)[:;!?](?!\/)/g)) expect(['\u00a0', '\u202f'], text).toContain(match[1]);
    }
  });

  it('when a filter names a feminine noun, then "all" agrees with it', () => {
    expect(supervisorFr.filterLocale).toBe('Langue');
    expect(supervisorFr.anyFeminine).toBe('Toutes');
    expect(supervisorFr.any).toBe('Tous');
  });
});
