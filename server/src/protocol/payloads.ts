// Payload types of client→server events, as a client may send them: read off the zod schemas that check them.
import type { z } from 'zod';
import type { sessionLeaveSchema, takeChunkSchema, takeIdSchema, takePauseSchema, takeStartSchema, takeStopSchema } from './schemas.js';

export type TakeStartPayload = z.input<typeof takeStartSchema>;
export type TakeChunkPayload = z.input<typeof takeChunkSchema>;
export type TakeStopPayload = z.input<typeof takeStopSchema>;
export type TakeIdPayload = z.input<typeof takeIdSchema>;
export type TakePausePayload = z.input<typeof takePauseSchema>;
export type SessionLeavePayload = z.input<typeof sessionLeaveSchema>;
