// The listening part of wire contract v1.1 (docs/PROTOCOL.md, "Listening") under the names the client's
// listening code uses; the shapes themselves are the server's protocol module, the one definition.
import {
  PERCEIVED_LABELS,
  RATING_PROBLEMS,
  type PerceivedLabel,
  type Rating,
  type RatingProblem,
  type TakeJson,
} from '@emovox/server/protocol';

export type { Assignment, ListenerGold as ListenerRow, ListenMe, MonitorRating, Perception, PerceptionStats, Rating } from '@emovox/server/protocol';

/** What a listener may answer: one of the six emotions, or "other". */
export type Heard = PerceivedLabel;
export const HEARD: readonly Heard[] = PERCEIVED_LABELS;

export const PROBLEMS = RATING_PROBLEMS;
export type Problem = RatingProblem;

export type IntensityLevel = NonNullable<Rating['intensity']>;
export const INTENSITY_LEVELS: readonly IntensityLevel[] = [1, 2, 3, 4, 5];

/** Take JSON, which carries `gold` and `perception` since v1.1. */
export type PerceivedTake = TakeJson;
