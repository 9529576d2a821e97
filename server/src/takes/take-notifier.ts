import type { DeletionJson, TakeJson, TakeStatus } from '../protocol/index.js';

/** How take changes leave the domain: the socket layer implements it over the adapter, so every replica hears. */
export interface TakeNotifier {
  status(speakerId: string, status: TakeStatus): void;
  take(take: TakeJson): void;
  /** A take was deleted: monitors drop it rather than show its last state for ever. */
  deleted?(deletion: DeletionJson): void;
}
