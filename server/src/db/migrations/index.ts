import { initialSchema } from './001-initial-schema.js';
import { seedSentences } from './002-seed-sentences.js';
import { scaleOut } from './004-scale-out.js';
import { takeLimits } from './005-take-limits.js';
import { takeLabels } from './006-take-labels.js';
import { speakerPrivacy } from './007-speaker-privacy.js';
import { accountSecurity } from './008-account-security.js';
import { listening } from './009-listening.js';
import { campaigns } from './010-campaigns.js';
import { takeEdges } from './011-take-edges.js';
import { datasetSplits } from './012-dataset-splits.js';
import { stopTake } from './013-stop-take.js';
import { inlineChunks } from './014-inline-chunks.js';
import { unplacedClips } from './015-unplaced-clips.js';

/** Every migration, in order. Listed explicitly so that the compiled server needs no file globbing. */
export const MIGRATIONS = [initialSchema, seedSentences, scaleOut, takeLimits, takeLabels, speakerPrivacy, accountSecurity, listening, campaigns, takeEdges, datasetSplits, stopTake, inlineChunks, unplacedClips];
