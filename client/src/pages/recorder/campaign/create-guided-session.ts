import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { TakeJson } from '@emovox/server/protocol';
import { ApiError, fetchTake } from '../../../lib/api';
import { fetchCampaignSession, joinCampaign, loadCampaignId, saveCampaignId, skipPrompt } from '../../../lib/campaigns/speaker-api';
import type { CampaignSession, Prompt, SkipReason, TakeRedo } from '../../../lib/campaigns/types';
import type { RecordSocket } from '../../../lib/record-socket';

/** A redo request as the speaker sees it; `take` is filled outside a campaign, to say what to re-record. */
export interface RedoNotice {
  redo: TakeRedo;
  take: TakeJson | null;
}

/** What the server calls behind a guided session; the real ones by default, a named fake in component tests. */
export interface GuidedSessionApi {
  join(code: string, token: string): Promise<CampaignSession>;
  session(campaignId: string, token: string): Promise<CampaignSession>;
  skip(campaignId: string, promptId: string, reason: SkipReason, note: string | null, token: string): Promise<CampaignSession>;
  take(takeId: string, token: string): Promise<TakeJson>;
}

const realApi: GuidedSessionApi = { join: joinCampaign, session: fetchCampaignSession, skip: skipPrompt, take: fetchTake };

/**
 * The speaker's guided session: which campaign, the prompt on screen, and redo requests. The prompt on
 * screen is held until the speaker moves on, so a listen-back re-record keeps the same prompt even
 * though the server's `next` has already moved.
 */
export function createGuidedSession(deps: {
  token: Accessor<string>;
  socket: Accessor<RecordSocket | null>;
  /** Nothing is being recorded or shown: a redo's prompt may come on screen at once. */
  idle: Accessor<boolean>;
  api?: GuidedSessionApi;
}) {
  const api = deps.api ?? realApi;
  const [campaignId, setCampaignId] = createSignal<string | null>(loadCampaignId());
  const [session, setSession] = createSignal<CampaignSession | null>(null);
  const [prompt, setPrompt] = createSignal<Prompt | null>(null);
  const [lost, setLost] = createSignal(false);
  const [redo, setRedo] = createSignal<RedoNotice | null>(null);

  const remember = (id: string | null) => {
    saveCampaignId(id);
    setCampaignId(id);
  };

  const show = (next: CampaignSession, advance: boolean) => {
    setSession(next);
    if (advance || !prompt()) setPrompt(next.next);
  };

  /** Re-reads the session; `advance` moves the screen to the server's next prompt. */
  async function refresh(advance = false): Promise<void> {
    const id = campaignId();
    if (!id) return;
    try {
      show(await api.session(id, deps.token()), advance);
    } catch (error) {
      // Closed or unknown: back to free recording, and say so.
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
        remember(null);
        setSession(null);
        setPrompt(null);
        setLost(true);
      } else throw error;
    }
  }

  async function join(code: string): Promise<void> {
    const joined = await api.join(code, deps.token());
    remember(joined.campaignId);
    setLost(false);
    setPrompt(null);
    show(joined, true);
  }

  async function skip(reason: SkipReason, note: string | null): Promise<void> {
    const id = campaignId();
    const current = prompt();
    if (!id || !current) return;
    show(await api.skip(id, current.promptId, reason, note, deps.token()), true);
  }

  /** The speaker moves on: the next prompt replaces the one on screen. */
  async function advance(): Promise<void> {
    setPrompt(null);
    await refresh(true);
  }

  function leave(): void {
    remember(null);
    setSession(null);
    setPrompt(null);
    setRedo(null);
  }

  /** A take of this prompt was saved: a redo request for it is answered. */
  function saved(promptId: string | null): void {
    const notice = redo();
    if (notice && notice.redo.promptId !== null && notice.redo.promptId === promptId) setRedo(null);
    void refresh(false).catch(() => undefined);
  }

  async function receiveRedo(event: TakeRedo): Promise<void> {
    if (event.promptId === null) {
      let take: TakeJson | null = null;
      try {
        take = await api.take(event.takeId, deps.token());
      } catch {
        // Still shown: the reason alone tells the speaker something.
      }
      return void setRedo({ redo: event, take });
    }
    setRedo({ redo: event, take: null });
    // The prompt is back at the front of the session: on screen now when idle, else once the speaker moves on.
    await refresh(deps.idle()).catch(() => undefined);
  }

  // Subscribes once the socket exists (the recorder creates it on mount).
  let off: (() => void) | null = null;
  const attach = () => {
    const socket = deps.socket();
    if (!socket || off) return;
    off = socket.onRedo((event) => void receiveRedo(event));
  };
  onCleanup(() => off?.());

  const active = () => campaignId() !== null && (session() !== null || !lost());
  const finished = () => {
    const current = session();
    return current !== null && current.next === null && prompt() === null;
  };

  return {
    campaignId, session, prompt, lost, redo, active, finished, attach,
    refresh, join, skip, advance, leave, saved, receiveRedo,
    dismissRedo: () => setRedo(null),
  };
}

export type GuidedSession = ReturnType<typeof createGuidedSession>;
