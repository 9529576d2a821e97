// A speaker client that behaves as the contract asks of a real one: it keeps every chunk until its ack,
// reconnects, resumes, resends what the server lacks, and retries stop until the take is settled.
import { io, type Socket } from 'socket.io-client';
import type { Ack, TakeState } from '../../src/protocol/index.js';

export interface SpeakerRun {
  takeId: string;
  state: TakeState;
  chunksSent: number;
  resends: number;
  reconnects: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ResilientSpeaker {
  private readonly socket: Socket;
  private readonly acked = new Set<number>();
  private resends = 0;
  private reconnects = 0;
  private takeId: string | null = null;

  constructor(
    url: string,
    token: string,
    private readonly chunks: Buffer[],
    private readonly options: { sentenceId: string; clientTakeId: string; paceMs: number; deadlineMs?: number },
  ) {
    this.socket = io(`${url}/record`, {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    this.socket.io.on('reconnect', () => {
      this.reconnects += 1;
      void this.resume();
    });
  }

  private async call<T extends object>(event: string, payload: unknown, timeoutMs = 3_000): Promise<Ack<T> | null> {
    if (!this.socket.connected) return null;
    try {
      return (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
    } catch {
      return null; // timed out: the connection dropped or the server is restarting
    }
  }

  private async send(seq: number): Promise<void> {
    const ack = await this.call('take:chunk', { takeId: this.takeId, seq, data: this.chunks[seq] });
    if (ack?.ok) this.acked.add(seq);
  }

  private async resume(): Promise<void> {
    if (!this.takeId) return;
    const ack = await this.call<{ missing: number[]; nextSeq: number }>('take:resume', { takeId: this.takeId });
    if (!ack?.ok) return;
    for (const seq of ack.missing) this.acked.delete(seq);
  }

  async run(): Promise<SpeakerRun> {
    const deadline = Date.now() + (this.options.deadlineMs ?? 90_000);
    const until = async <T>(what: string, attempt: () => Promise<T | null>): Promise<T> => {
      while (Date.now() < deadline) {
        const value = await attempt();
        if (value !== null) return value;
        await sleep(100);
      }
      throw new Error(`${what}: gave up at the deadline`);
    };
    try {
      const start = await until('take:start', async () => {
        const ack = await this.call<{ takeId: string }>('take:start', {
          sentenceId: this.options.sentenceId,
          emotion: 'joy',
          mimeType: 'audio/webm;codecs=opus',
          clientTakeId: this.options.clientTakeId,
        });
        return ack?.ok ? ack : null;
      });
      this.takeId = start.takeId;
      // Record in real time: chunks go out at the MediaRecorder's pace whether or not the network is up.
      const inFlight: Promise<void>[] = [];
      for (let seq = 0; seq < this.chunks.length; seq += 1) {
        inFlight.push(this.send(seq));
        await sleep(this.options.paceMs);
      }
      await Promise.all(inFlight);
      await until('resend', async () => {
        const pending = this.chunks.map((_, seq) => seq).filter((seq) => !this.acked.has(seq));
        if (!this.socket.connected) return null;
        for (const seq of pending) {
          this.resends += 1;
          await this.send(seq);
        }
        return pending.length === 0 ? true : null;
      });
      const lastSeq = this.chunks.length - 1;
      await until('take:stop', async () => {
        const ack = await this.call<{ state: TakeState }>('take:stop', { takeId: this.takeId, lastSeq });
        if (ack && !ack.ok && ack.error.code === 'MISSING_CHUNKS') {
          for (const seq of ack.error.missing ?? []) await this.send(seq);
          return null;
        }
        return ack?.ok ? true : null;
      });
      const state = await until('settled', async () => {
        const ack = await this.call<{ state: TakeState }>('take:resume', { takeId: this.takeId });
        return ack?.ok && ack.state !== 'finalizing' && ack.state !== 'recording' ? ack.state : null;
      });
      return { takeId: this.takeId!, state, chunksSent: this.chunks.length, resends: this.resends, reconnects: this.reconnects };
    } finally {
      this.socket.close();
    }
  }
}
