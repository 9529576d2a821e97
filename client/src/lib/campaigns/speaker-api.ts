// The speaker's side of campaigns: join by code, read the session, skip a prompt.
import { request } from '../api';
import type { CampaignSession, SkipReason } from './types';

const at = (id: string) => encodeURIComponent(id);

export function joinCampaign(code: string, token: string): Promise<CampaignSession> {
  return request<CampaignSession>('/campaigns/join', { method: 'POST', token, body: JSON.stringify({ code: code.trim() }) });
}

export function fetchCampaignSession(campaignId: string, token: string): Promise<CampaignSession> {
  return request<CampaignSession>(`/campaigns/${at(campaignId)}/session`, { token });
}

export function skipPrompt(campaignId: string, promptId: string, reason: SkipReason, note: string | null, token: string): Promise<CampaignSession> {
  const body: Record<string, string> = { reason };
  if (note) body.note = note;
  return request<CampaignSession>(`/campaigns/${at(campaignId)}/prompts/${at(promptId)}/skip`, { method: 'POST', token, body: JSON.stringify(body) });
}

// The campaign this browser is recording for, so a reload continues it.
const KEY = 'emovox.campaignId';

export function loadCampaignId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveCampaignId(id: string | null): void {
  try {
    if (id) localStorage.setItem(KEY, id);
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode: the session lasts for this page only.
  }
}

export function joinLink(origin: string, code: string): string {
  return `${origin}/join/${encodeURIComponent(code)}`;
}
