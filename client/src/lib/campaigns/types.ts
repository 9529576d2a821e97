// Recording sessions (campaigns): the shapes come from the shared protocol (docs/PROTOCOL.md v1.1 and
// docs/PROTOCOL-extensions.md); the client's own names for two of them, and the create form's body.
import type { CampaignCoverage, Emotion, Intensity, Locale, TakeRedoNotice } from '@emovox/server/protocol';

export type { Campaign, CampaignSession, Prompt, RedoReason, SessionCampaign, SkipReason } from '@emovox/server/protocol';
export { REDO_REASONS, SKIP_REASONS } from '@emovox/server/protocol';

export type Coverage = CampaignCoverage;
export type SpeakerProgress = CampaignCoverage['speakers'][number];
export type TakeRedo = TakeRedoNotice;

/** The body of `POST /campaigns` as the form sends it: every field chosen. */
export interface CampaignDraft {
  name: string;
  locale: Locale;
  sentenceIds: string[];
  emotions: Emotion[];
  intensities: (Intensity | null)[];
  takesPerCell: number;
  sessionSize: number;
  listenBack: boolean;
}
