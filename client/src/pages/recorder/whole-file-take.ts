import type { Emotion, Intensity, TakeJson } from '@emovox/server/protocol';
import { uploadTake } from '../../lib/api';
import { definedMarks, type TakeMarks } from '../../state/take-cues';

export interface WholeFileStart {
  clientTakeId: string;
  mimeType: string;
  audioSettings: unknown;
  replacesTakeId: string | undefined;
  /** The campaign prompt, inside a guided session. */
  promptId?: string;
}

/**
 * A take recorded while the socket cannot be reached: its chunks stay in memory and the whole
 * recording is uploaded in one request at stop (`POST /takes`), instead of streamed chunk by chunk.
 */
export class WholeFileTake {
  private blobs: Blob[] = [];

  constructor(private readonly start: WholeFileStart) {}

  addChunk(blob: Blob): void {
    this.blobs.push(blob);
  }

  /** The sentence and emotion are read at stop, as the page shows them then. */
  async upload(
    labels: { sentenceId: string; emotion: Emotion; intensity: Intensity | null },
    token: string,
    marks: Partial<TakeMarks> = {},
  ): Promise<TakeJson & { receipt: string }> {
    const { clientTakeId, mimeType, audioSettings, replacesTakeId, promptId } = this.start;
    const file = new Blob(this.blobs, { type: mimeType });
    const saved = await uploadTake(file, { ...labels, audioSettings, clientTakeId, replacesTakeId, promptId, ...definedMarks(marks) }, token);
    this.blobs = [];
    return saved;
  }
}
