// Streaming against uploading the whole file (POST /takes, multipart) over a simulated uplink.
// Each client has its own link. Stop-to-saved runs from the moment the speaker stops recording:
// streaming has sent almost everything by then; the whole-file client only starts its upload.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Uplink } from '../link.js';
import { percentile, round } from '../stats.js';
import { ackTimes, VirtualSpeaker, postJson, sentenceIds, sleep } from '../speaker.js';
import { CHUNK_MS } from '../media.js';

export interface UploadConfig {
  url: string;
  seconds: number;
  chunks: Buffer[];
  file: Buffer;
  count: number;
  bitsPerSecond: number;
}

/** A multipart POST whose body goes through the link in 1,400-byte segments (about one TCP segment). */
async function uploadWholeFile(config: UploadConfig, sentenceId: string): Promise<{ status: number; ms: number; state: string }> {
  const { token } = await postJson<{ token: string }>(config.url, '/speakers', { consent: true, locale: 'en' });
  const boundary = `----emovox${randomUUID()}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(field('sentenceId', sentenceId) + field('emotion', 'neutral')),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="take.webm"\r\nContent-Type: audio/webm;codecs=opus\r\n\r\n`),
    config.file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const link = new Uplink(config.bitsPerSecond);
  const target = new URL(`${config.url}/api/v1/takes`);
  const stoppedAt = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      },
      (response) => {
        let text = '';
        response.on('data', (data: Buffer) => (text += data.toString()));
        response.on('end', () => {
          const state = (JSON.parse(text) as { state?: string }).state ?? `http ${response.statusCode}`;
          resolve({ status: response.statusCode ?? 0, ms: performance.now() - stoppedAt, state });
        });
      },
    );
    request.once('error', reject);
    void (async () => {
      for (let offset = 0; offset < body.length; offset += 1_400) {
        const segment = body.subarray(offset, offset + 1_400);
        await link.transmit(segment.length);
        request.write(segment);
      }
      request.end();
    })();
  });
}

export async function streamingVsUpload(config: UploadConfig) {
  const [sentence] = await sentenceIds(config.url, 1);
  const recordingMs = config.chunks.length * CHUNK_MS;
  const streamed = Promise.all(
    Array.from({ length: config.count }, async (_, index) => {
      await sleep(index * 1_000);
      const speaker = await VirtualSpeaker.create(config.url);
      try {
        return await speaker.recordTake(sentence!, config.chunks, { chunkMs: CHUNK_MS, link: new Uplink(config.bitsPerSecond) });
      } finally {
        speaker.close();
      }
    }),
  );
  // Whole-file clients record for the same time, then upload.
  const uploaded = Promise.all(
    Array.from({ length: config.count }, async (_, index) => {
      await sleep(index * 1_000 + recordingMs);
      return uploadWholeFile(config, sentence!);
    }),
  );
  const [streams, uploads] = await Promise.all([streamed, uploaded]);
  const streamMs = streams.filter((t) => t.state === 'saved').map((t) => t.stopToSavedMs!);
  const uploadMs = uploads.filter((u) => u.status === 201).map((u) => u.ms);
  const streamP50 = percentile(streamMs, 50);
  const uploadP50 = percentile(uploadMs, 50);
  return {
    seconds: config.seconds,
    uplinkMbit: config.bitsPerSecond / 1e6,
    fileBytes: config.file.length,
    streaming: { states: streams.map((t) => t.state), stopToSavedMs: streamMs.map((ms) => round(ms)), p50: round(streamP50), ackP99: round(percentile(streams.flatMap(ackTimes), 99)) },
    upload: { statuses: uploads.map((u) => u.status), stopToSavedMs: uploadMs.map((ms) => round(ms)), p50: round(uploadP50) },
    ratio: streamP50 && uploadP50 ? round(uploadP50 / streamP50) : null,
  };
}
