// The start/chunk/end race: a fresh speaker starts three takes at once (the limit), fires a few chunks at each
// without waiting, and ends each take the moment its start is acknowledged, by take:discard or DELETE /takes/:id.
// Every end must succeed and stay ended; the server must survive it (checked by the engine's health watch).
import { EMOTIONS } from '../../server/src/protocol/index.js';
import { postJson } from '../speaker.js';
import { FuzzSocket } from './fuzz-socket.js';
import { int, pick, type Random } from './random.js';

export interface RaceStats {
  speakers: number;
  started: number;
  refused: number;
  discarded: number;
  deleted: number;
  chunks: number;
}

export const newRaceStats = (): RaceStats => ({ speakers: 0, started: 0, refused: 0, discarded: 0, deleted: 0, chunks: 0 });

type Anomaly = (what: string, example: unknown) => void;
const ACK_TIMEOUT = 15_000;
const CHUNK_ANSWERS = new Set(['ok', 'CONFLICT', 'NOT_FOUND', 'RATE_LIMITED']);

const codeOf = (ack: unknown) => {
  const answer = ack as { ok?: boolean; error?: { code?: string } };
  return answer.ok ? 'ok' : (answer.error?.code ?? '?');
};

/** One race: returns the number of events it sent. */
export async function raceEvent(url: string, random: Random, sentenceId: string, chunks: Buffer[], stats: RaceStats, anomaly: Anomaly): Promise<number> {
  const { token } = await postJson<{ token: string }>(url, '/speakers', { consent: true, locale: 'en' });
  const socket = await FuzzSocket.connect(url, '/record', token);
  stats.speakers += 1;
  let events = 1;
  try {
    const plans = [0, 1, 2].map(() => ({ chunks: int(random, 0, 3), byDelete: random() < 0.5, emotion: pick(random, EMOTIONS) }));
    await Promise.all(
      plans.map(async (plan) => {
        const start = await socket.emit('take:start', [{ sentenceId, emotion: plan.emotion, mimeType: 'audio/webm;codecs=opus' }], ACK_TIMEOUT);
        events += 1;
        if (start.kind !== 'ack') return anomaly(`race: take:start got no ack (${start.kind})`, {});
        const ack = start.ack as { ok?: boolean; takeId?: string; receipt?: string };
        if (!ack.ok || !ack.takeId || !ack.receipt) {
          stats.refused += 1;
          if (codeOf(ack) !== 'RATE_LIMITED') anomaly(`race: take:start answered ${codeOf(ack)}`, ack);
          return;
        }
        stats.started += 1;
        const takeId = ack.takeId;
        // Fired, not awaited: the end below races them.
        const sent = Array.from({ length: plan.chunks }, (_, seq) => socket.emit('take:chunk', [{ takeId, seq, data: chunks[seq] }], ACK_TIMEOUT));
        stats.chunks += plan.chunks;
        events += plan.chunks + 2;
        let expected: number;
        if (plan.byDelete) {
          const response = await fetch(`${url}/api/v1/takes/${takeId}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipt: ack.receipt }) });
          if (response.status !== 204) anomaly(`race: DELETE of a recording take answered ${response.status}`, { body: (await response.text()).slice(0, 200) });
          else stats.deleted += 1;
          expected = 404;
        } else {
          const end = await socket.emit('take:discard', [{ takeId }], ACK_TIMEOUT);
          if (end.kind !== 'ack' || codeOf(end.ack) !== 'ok') anomaly(`race: take:discard answered ${end.kind === 'ack' ? codeOf(end.ack) : end.kind}`, end);
          else stats.discarded += 1;
          expected = 200;
        }
        for (const outcome of await Promise.all(sent)) {
          if (outcome.kind !== 'ack') anomaly(`race: take:chunk got no ack (${outcome.kind})`, {});
          else if (!CHUNK_ANSWERS.has(codeOf(outcome.ack))) anomaly(`race: take:chunk answered ${codeOf(outcome.ack)}`, outcome.ack);
        }
        // Once ended, always ended: no chunk in flight brought the take back.
        const after = await fetch(`${url}/api/v1/takes/${takeId}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await after.json().catch(() => ({}))) as { state?: string };
        if (after.status !== expected || (expected === 200 && body.state !== 'discarded')) {
          anomaly(`race: an ended take reads back as HTTP ${after.status} ${body.state ?? ''}`, { takeId, byDelete: plan.byDelete });
        }
      }),
    );
  } finally {
    socket.close();
  }
  return events;
}
