import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import { campaignApi } from '../../../lib/campaigns/supervisor-api';
import type { Coverage } from '../../../lib/campaigns/types';

/**
 * The selected campaign's coverage, read again whenever `monitor:campaign` says it changed. Changes that
 * arrive during a read are folded into one more read, so a burst of takes costs two requests, not one each.
 */
export function createCoverageFeed(campaignId: Accessor<string | null>, load: (id: string) => Promise<Coverage> = campaignApi.coverage) {
  const [value, setValue] = createSignal<Coverage | null>(null);
  let reading = false;
  let again = false;

  const read = async () => {
    const id = campaignId();
    if (!id) return void setValue(null);
    if (reading) return void (again = true);
    reading = true;
    try {
      const coverage = await load(id);
      if (campaignId() === id) setValue(coverage);
    } catch {
      // Kept as it was; the next change reads again.
    } finally {
      reading = false;
      if (again) {
        again = false;
        void read();
      }
    }
  };

  createEffect(on(campaignId, () => {
    setValue(null);
    void read();
  }));

  return { value, changed: () => void read() };
}
