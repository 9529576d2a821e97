// POST /takes: the whole-file path for browsers that cannot stream. It reuses the streaming pipeline:
// the file is staged as chunks, stopped, and finalized exactly like a live take.
import type { Speaker } from '../db/speaker-repository.js';
import type { TakeRepository } from '../db/take-repository.js';
import { toTakeJson } from '../db/take-row.js';
import { AppError } from '../errors.js';
import type { TakeJson } from '../protocol/index.js';
import type { StartInput, TakeService } from './take-service.js';

export interface UploadOutcome {
  status: 201 | 202;
  take: TakeJson & { receipt: string };
}

export async function uploadWholeTake(
  service: TakeService,
  takes: TakeRepository,
  speaker: Speaker,
  fields: Omit<StartInput, 'mimeType'> & { speakAtMs?: number; stopPressedAtMs?: number },
  file: { data: Buffer; mimeType: string },
  options: { maxChunkBytes: number; waitMs: number },
): Promise<UploadOutcome> {
  const { speakAtMs, stopPressedAtMs, ...startFields } = fields;
  const started = await service.start(speaker, { ...startFields, mimeType: file.mimeType });
  if (started.state === 'recording') {
    const pieces = Math.max(1, Math.ceil(file.data.length / options.maxChunkBytes));
    try {
      for (let seq = 0; seq < pieces; seq += 1) {
        const data = file.data.subarray(seq * options.maxChunkBytes, (seq + 1) * options.maxChunkBytes);
        await service.chunk(speaker, { takeId: started.takeId, seq, data }, performance.now());
      }
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'TOO_LARGE')) throw error;
      // Left recording, the take would hold one of the speaker's active places until the stale sweep.
      await service.refuseTooLong(started.takeId);
      throw new AppError('TOO_LARGE', error.message, { takeId: started.takeId });
    }
    const stopped = await service.stop(speaker, { takeId: started.takeId, lastSeq: pieces - 1, speakAtMs, stopPressedAtMs });
    if (stopped.stopped) {
      const finished = service.afterStop(stopped.stopped);
      await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, options.waitMs).unref())]);
    }
  }
  const take = await takes.find(started.takeId);
  if (!take) throw new AppError('NOT_FOUND', 'No such take');
  const json = { ...toTakeJson(take), receipt: started.receipt };
  if (take.state === 'failed' && take.errorCode === 'UNSUPPORTED_MEDIA') {
    throw new AppError('UNSUPPORTED_MEDIA', 'The audio could not be decoded', { takeId: take.id });
  }
  if (take.state === 'failed' && take.errorCode === 'TOO_LARGE') {
    throw new AppError('TOO_LARGE', take.errorMessage ?? 'The take is longer than allowed', { takeId: take.id });
  }
  return { status: take.state === 'saved' ? 201 : 202, take: json };
}
