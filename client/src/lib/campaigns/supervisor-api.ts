// The supervisor's side of campaigns and redo requests.
import type { TakeJson } from '@emovox/server/protocol';
import { authed } from '../supervisor-api';
import type { Campaign, CampaignDraft, Coverage, RedoReason } from './types';

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
const at = (id: string) => encodeURIComponent(id);

export const campaignApi = {
  list: () => authed<{ items: Campaign[] }>('/campaigns').then((page) => page.items),
  get: (id: string) => authed<Campaign>(`/campaigns/${at(id)}`),
  create: (draft: CampaignDraft) => authed<Campaign>('/campaigns', json('POST', draft)),
  update: (id: string, patch: { active?: boolean; name?: string }) => authed<Campaign>(`/campaigns/${at(id)}`, json('PATCH', patch)),
  coverage: (id: string) => authed<Coverage>(`/campaigns/${at(id)}/coverage`),
  redo: (takeId: string, reason: RedoReason, note: string | null) =>
    authed<TakeJson>(`/takes/${at(takeId)}/redo`, json('POST', note ? { reason, note } : { reason })),
};
