import type { TakeStartPayload } from '@emovox/server/protocol';

/** What the app must remember about a take to finish it after a drop or a page reload. */
export interface PendingTake {
  clientTakeId: string;
  start: TakeStartPayload;
  sentenceText: string;
  takeId: string | null;
  receipt: string | null;
  /** Highest seq ever stored for this take (-1 when none); lastSeq at stop. */
  highestSeq: number;
  /** Set when recording ended, with the final duration. */
  stoppedDurationMs: number | null;
  createdAt: number;
}

export interface StoredChunk {
  clientTakeId: string;
  seq: number;
  data: ArrayBuffer;
  peak: number | null;
}

/** Chunks not yet acknowledged by the server, kept until their ack arrives. */
export interface ChunkStore {
  saveTake(take: PendingTake): Promise<void>;
  updateTake(clientTakeId: string, patch: Partial<PendingTake>): Promise<void>;
  getTake(clientTakeId: string): Promise<PendingTake | undefined>;
  listTakes(): Promise<PendingTake[]>;
  /** Stores the chunk and raises the take's highestSeq in one transaction. */
  putChunk(chunk: StoredChunk): Promise<void>;
  getChunk(clientTakeId: string, seq: number): Promise<StoredChunk | undefined>;
  listChunks(clientTakeId: string): Promise<StoredChunk[]>;
  deleteChunk(clientTakeId: string, seq: number): Promise<void>;
  /** Forgets the take and any chunk left for it. */
  deleteTake(clientTakeId: string): Promise<void>;
  close(): void;
}

const DB_NAME = 'emovox';
const TAKES = 'takes';
const CHUNKS = 'chunks';

function done(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore(TAKES, { keyPath: 'clientTakeId' });
    db.createObjectStore(CHUNKS, { keyPath: ['clientTakeId', 'seq'] });
  };
  return done(request) as Promise<IDBDatabase>;
}

function chunkRange(clientTakeId: string): IDBKeyRange {
  return IDBKeyRange.bound([clientTakeId, -Infinity], [clientTakeId, Infinity]);
}

export async function makeIndexedDbChunkStore(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<ChunkStore> {
  const db = await openDatabase(factory, name);
  const tx = (stores: string[], mode: IDBTransactionMode) => db.transaction(stores, mode);

  const store: ChunkStore = {
    async saveTake(take) {
      const t = tx([TAKES], 'readwrite');
      t.objectStore(TAKES).put(take);
      await committed(t);
    },
    async updateTake(clientTakeId, patch) {
      const t = tx([TAKES], 'readwrite');
      const takes = t.objectStore(TAKES);
      const current = (await done(takes.get(clientTakeId))) as PendingTake | undefined;
      if (current) takes.put({ ...current, ...patch });
      await committed(t);
    },
    async getTake(clientTakeId) {
      return (await done(tx([TAKES], 'readonly').objectStore(TAKES).get(clientTakeId))) as PendingTake | undefined;
    },
    async listTakes() {
      const all = (await done(tx([TAKES], 'readonly').objectStore(TAKES).getAll())) as PendingTake[];
      return all.sort((a, b) => a.createdAt - b.createdAt);
    },
    async putChunk(chunk) {
      const t = tx([TAKES, CHUNKS], 'readwrite');
      t.objectStore(CHUNKS).put(chunk);
      const takes = t.objectStore(TAKES);
      const take = (await done(takes.get(chunk.clientTakeId))) as PendingTake | undefined;
      if (take && chunk.seq > take.highestSeq) takes.put({ ...take, highestSeq: chunk.seq });
      await committed(t);
    },
    async getChunk(clientTakeId, seq) {
      return (await done(tx([CHUNKS], 'readonly').objectStore(CHUNKS).get([clientTakeId, seq]))) as StoredChunk | undefined;
    },
    async listChunks(clientTakeId) {
      const rows = (await done(tx([CHUNKS], 'readonly').objectStore(CHUNKS).getAll(chunkRange(clientTakeId)))) as StoredChunk[];
      return rows.sort((a, b) => a.seq - b.seq);
    },
    async deleteChunk(clientTakeId, seq) {
      const t = tx([CHUNKS], 'readwrite');
      t.objectStore(CHUNKS).delete([clientTakeId, seq]);
      await committed(t);
    },
    async deleteTake(clientTakeId) {
      const t = tx([TAKES, CHUNKS], 'readwrite');
      t.objectStore(TAKES).delete(clientTakeId);
      t.objectStore(CHUNKS).delete(chunkRange(clientTakeId));
      await committed(t);
    },
    close() {
      db.close();
    },
  };
  return store;
}

/** Same contract in memory, for browsers where IndexedDB is unavailable (some private modes). */
export function makeMemoryChunkStore(): ChunkStore {
  const takes = new Map<string, PendingTake>();
  const chunks = new Map<string, StoredChunk>();
  const key = (id: string, seq: number) => `${id}#${seq}`;
  return {
    async saveTake(take) {
      takes.set(take.clientTakeId, { ...take });
    },
    async updateTake(id, patch) {
      const current = takes.get(id);
      if (current) takes.set(id, { ...current, ...patch });
    },
    async getTake(id) {
      const take = takes.get(id);
      return take && { ...take };
    },
    async listTakes() {
      return [...takes.values()].sort((a, b) => a.createdAt - b.createdAt);
    },
    async putChunk(chunk) {
      chunks.set(key(chunk.clientTakeId, chunk.seq), chunk);
      const take = takes.get(chunk.clientTakeId);
      if (take && chunk.seq > take.highestSeq) take.highestSeq = chunk.seq;
    },
    async getChunk(id, seq) {
      return chunks.get(key(id, seq));
    },
    async listChunks(id) {
      return [...chunks.values()].filter((c) => c.clientTakeId === id).sort((a, b) => a.seq - b.seq);
    },
    async deleteChunk(id, seq) {
      chunks.delete(key(id, seq));
    },
    async deleteTake(id) {
      takes.delete(id);
      for (const [k, c] of chunks) if (c.clientTakeId === id) chunks.delete(k);
    },
    close() {},
  };
}

/** "Forget me": every take this browser still keeps, and its chunks, are dropped. */
export async function clearPendingTakes(store: ChunkStore): Promise<void> {
  for (const take of await store.listTakes()) await store.deleteTake(take.clientTakeId);
}

export async function makeChunkStore(): Promise<ChunkStore> {
  try {
    return await makeIndexedDbChunkStore();
  } catch {
    return makeMemoryChunkStore();
  }
}
