// Prometheus metrics, one registry per application instance so that tests can run several side by side.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connectedSockets: new Gauge({
      name: 'emovox_connected_sockets',
      help: 'Socket.IO connections on this replica',
      labelNames: ['namespace'],
      registers: [registry],
    }),
    chunkAckSeconds: new Histogram({
      name: 'emovox_chunk_ack_seconds',
      help: 'From take:chunk received to its ack (chunk durable)',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    chunkBytes: new Counter({ name: 'emovox_chunk_bytes_total', help: 'Audio bytes staged', registers: [registry] }),
    finalizeSeconds: new Histogram({
      name: 'emovox_finalize_seconds',
      help: 'Finalize duration by outcome, and by path: live (the WAV transcoded while recording) or batch (transcoded from the staged chunks at stop)',
      labelNames: ['outcome', 'path'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    takesStarted: new Counter({ name: 'emovox_takes_started_total', help: 'Takes started', registers: [registry] }),
    takesFinished: new Counter({
      name: 'emovox_takes_finished_total',
      help: 'Takes that reached a final state, by state',
      labelNames: ['state'],
      registers: [registry],
    }),
    takesByState: new Gauge({
      name: 'emovox_takes',
      help: 'Takes in the database by state (refreshed on scrape)',
      labelNames: ['state'],
      registers: [registry],
    }),
    liveTranscodes: new Gauge({
      name: 'emovox_live_transcodes',
      help: 'Takes of this replica transcoding live now (each holds an ffmpeg and spool files; at most LIVE_TRANSCODE_MAX)',
      registers: [registry],
    }),
    errors: new Counter({
      name: 'emovox_errors_total',
      help: 'Errors answered to clients, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
