import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Emotion, Intensity, TakeJson, TakeState } from '@emovox/server/protocol';
import { ApiError, fetchTake, type SentenceOrNone } from '../../lib/api';
import type { ChunkStore } from '../../lib/chunk-store';
import type { MessageKey } from '../../lib/i18n';
import { audioSettingsOf, browserCapabilityProblem, microphoneErrorKey, pickMimeType } from '../../lib/microphone';
import type { RecordSocket } from '../../lib/record-socket';
import { fetchTakeLimits } from '../../lib/take-limits';
import { makeTakeRecorder, type TakeRecorder } from '../../lib/take-recorder';
import { transition, type Phase, type RecorderEvent } from '../../state/recorder-machine';
import { TakeCues, type Cue, type TakeMarks } from '../../state/take-cues';
import { autoStopAtMs, DEFAULT_MAX_TAKE_SECONDS } from '../../state/take-limit';
import { TakeUploader, type UploadProgress } from '../../state/take-uploader';
import { createMicAndMeter } from './mic-and-meter';
import { WholeFileTake } from './whole-file-take';

export interface FinishedTake {
  takeId: string;
  receipt: string;
  take: TakeJson | null;
  recovered: boolean;
}

export interface TakeFlowDeps {
  token: Accessor<string>;
  socket: Accessor<RecordSocket | null>;
  store: Accessor<ChunkStore | null>;
  /** The socket has never connected and reports errors: record locally, upload on stop. */
  socketUnreachable: Accessor<boolean>;
  sentence: Accessor<SentenceOrNone | undefined>;
  emotion: Accessor<Emotion | null>;
  intensity: Accessor<Intensity | null>;
  /** The campaign prompt being recorded (v1.1), or null outside a guided session. */
  promptId?: Accessor<string | null>;
}

/** One take from Record to saved: microphone, recorder, level meter and uploader, all released on cleanup. */
export function createTakeFlow(deps: TakeFlowDeps) {
  const [phase, setPhase] = createSignal<Phase>('idle');
  const [progress, setProgress] = createSignal<UploadProgress | null>(null);
  const [elapsedMs, setElapsedMs] = createSignal(0);
  const [problem, setProblem] = createSignal<{ key: MessageKey; message?: string } | null>(null);
  const [finished, setFinished] = createSignal<FinishedTake | null>(null);
  const [localMode, setLocalMode] = createSignal(false);
  const devices = createMicAndMeter();
  /** The saved take that the next recording re-records: it is kept, and marked replaced once the new one is saved. */
  const [redone, setRedone] = createSignal<{ takeId: string; sentenceId: string } | null>(null);
  /** Only a take of the same sentence replaces it: choosing another sentence records a new take. */
  const replacing = () => {
    const take = redone();
    return take && take.sentenceId === deps.sentence()?.id ? take.takeId : null;
  };
  const [maxTakeSeconds, setMaxTakeSeconds] = createSignal(DEFAULT_MAX_TAKE_SECONDS);
  const [autoStopped, setAutoStopped] = createSignal(false);
  /** The take shown was completed after a reload, from what the page had kept. */
  const [recovered, setRecovered] = createSignal(false);
  void fetchTakeLimits().then((limits) => limits && setMaxTakeSeconds(limits.maxTakeSeconds));

  let recorder: TakeRecorder | null = null;
  const [cue, setCue] = createSignal<Cue | null>(null); // the pre-roll and post-roll cues (take-cues.ts)
  let cues: TakeCues | null = null;
  let uploader: TakeUploader | null = null;
  let wholeFile: WholeFileTake | null = null;

  const dispatch = (event: RecorderEvent): boolean => {
    const next = transition(phase(), event);
    if (next === null) return false;
    setPhase(next);
    return true;
  };

  const releaseUploader = () => {
    uploader?.dispose();
    uploader = null;
  };

  onCleanup(() => {
    cues?.dispose();
    devices.release();
    releaseUploader();
  });

  const makeUploaderDeps = (socket: RecordSocket, store: ChunkStore) => ({
    transport: socket,
    store,
    onChange: (next: UploadProgress) => {
      setProgress(next);
      // Saved and failed are announced by completeWithServer, once the take's details are in.
      if (next.serverState === 'finalizing') dispatch({ type: 'serverState', state: 'finalizing' });
    },
    pollState: async (takeId: string): Promise<TakeState> => (await fetchTake(takeId, deps.token())).state,
    onMaxTakeSeconds: setMaxTakeSeconds,
  });

  const describeFailure = (error: unknown) => {
    if (error instanceof ApiError) setProblem({ key: 'errGeneric', message: error.body.message });
    else setProblem({ key: 'errGeneric', message: error instanceof Error ? error.message : String(error) });
  };

  async function completeWithServer(durationMs: number | null, recovered: boolean, marks: Partial<TakeMarks> = {}): Promise<void> {
    const current = uploader;
    if (!current) return;
    const state = await current.finish(durationMs, marks);
    const { takeId, receipt, error } = current.progress();
    if (state === 'saved' && takeId && receipt) {
      let take: TakeJson | null = null;
      try {
        take = await fetchTake(takeId, deps.token());
      } catch {
        // The take is saved; its details are only for feedback.
      }
      setFinished({ takeId, receipt, take, recovered });
      dispatch({ type: 'serverState', state: 'saved' });
    } else if (state !== 'discarded') {
      if (takeId && receipt) setFinished({ takeId, receipt, take: null, recovered });
      if (error) setProblem({ key: 'errGeneric', message: error.message });
      dispatch({ type: 'fail' });
    }
  }

  /** The optional level check before recording: the meter runs, nothing is recorded or sent. */
  async function toggleMicTest(): Promise<void> {
    if (devices.testing()) return devices.release();
    if (phase() !== 'idle') return;
    const capability = browserCapabilityProblem();
    if (capability) return void setProblem({ key: capability });
    try {
      await devices.startTest();
    } catch (error) {
      return void setProblem({ key: microphoneErrorKey(error) });
    }
    setProblem(null);
  }

  async function record(): Promise<void> {
    const sentence = deps.sentence();
    const emotion = deps.emotion();
    const store = deps.store();
    if (!sentence || !emotion || !store) return;
    const capability = browserCapabilityProblem();
    if (capability) return void setProblem({ key: capability });
    if (!dispatch({ type: 'record' })) return;
    devices.release(); // a running microphone test
    setProblem(null);
    setFinished(null);
    setProgress(null);
    setElapsedMs(0);
    setAutoStopped(false);
    setRecovered(false);
    let stream: MediaStream;
    try {
      stream = await devices.open();
    } catch (error) {
      setProblem({ key: microphoneErrorKey(error) });
      dispatch({ type: 'micFailed' });
      return;
    }
    const mimeType = pickMimeType(MediaRecorder) as string;
    const audioSettings = audioSettingsOf(stream);
    const clientTakeId = crypto.randomUUID();
    const replacesTakeId = replacing() ?? undefined;
    const socket = deps.socket();
    const local = !socket || (deps.socketUnreachable() && !socket.isConnected());
    setLocalMode(local);
    if (local) {
      wholeFile = new WholeFileTake({ clientTakeId, mimeType, audioSettings, replacesTakeId, ...promptOf(deps) });
    } else {
      wholeFile = null;
      uploader = await TakeUploader.begin(makeUploaderDeps(socket, store), {
        clientTakeId,
        sentenceText: sentence.text,
        start: { sentenceId: sentence.id, emotion, intensity: deps.intensity(), mimeType, audioSettings, replacesTakeId, ...promptOf(deps) },
      });
    }
    devices.startMeter(stream);
    recorder = makeTakeRecorder(stream, mimeType, (blob) => {
      const peak = devices.meter()?.takePeak() ?? null;
      if (uploader) uploader.addChunk(blob, peak);
      else wholeFile?.addChunk(blob);
    });
    dispatch({ type: 'micReady' });
    const started = recorder;
    cues = new TakeCues(() => started.elapsed(), setCue);
    cues.start();
    let last = performance.now();
    devices.every(100, () => {
      const now = performance.now();
      if (phase() === 'recording') setElapsedMs((ms) => ms + (now - last));
      last = now;
      // At the limit the take stops by itself and is saved, rather than run on and be refused by the server.
      if (phase() === 'recording' && elapsedMs() >= autoStopAtMs(maxTakeSeconds())) {
        setAutoStopped(true);
        void stop();
      }
    });
  }

  /** Recorder, cues, and the monitor (take:pause, best effort: the take does not depend on it) pause together. */
  const setPaused = (paused: boolean) => {
    if (paused) void (recorder?.pause(), cues?.pause());
    else void (recorder?.resume(), cues?.resume());
    const takeId = uploader?.progress().takeId;
    if (takeId) deps.socket()?.request('take:pause', { takeId, paused }).catch(() => undefined);
  };
  const pause = () => void (dispatch({ type: 'pause' }) && setPaused(true));
  const resume = () => void (dispatch({ type: 'resume' }) && setPaused(false));

  async function stop(): Promise<void> {
    const current = recorder;
    if (!current || !dispatch({ type: 'stop' })) return;
    // The post-roll: recording goes on (phase 'stopping', cue "finishing") before the real stop.
    const marks = cues ? await cues.stop() : {};
    cues = null;
    const durationMs = await current.stop();
    setCue(null);
    recorder = null;
    devices.release();
    try {
      if (localMode()) await uploadWholeFile(marks);
      else await completeWithServer(durationMs, false, marks);
    } catch (error) {
      describeFailure(error);
      dispatch({ type: 'fail' });
    }
  }

  async function uploadWholeFile(marks: Partial<TakeMarks>): Promise<void> {
    const sentence = deps.sentence();
    const emotion = deps.emotion();
    if (!wholeFile || !sentence || !emotion) return;
    const saved = await wholeFile.upload({ sentenceId: sentence.id, emotion, intensity: deps.intensity() }, deps.token(), marks);
    setFinished({ takeId: saved.takeId, receipt: saved.receipt, take: saved, recovered: false });
    dispatch({ type: 'serverState', state: saved.state });
  }

  /** Completes takes a reload interrupted: resume, resend, stop. */
  async function recoverLeftovers(socket: RecordSocket, store: ChunkStore): Promise<string | null> {
    const leftovers = await store.listTakes();
    for (const pending of leftovers) {
      if (pending.takeId === null && pending.highestSeq < 0) {
        await store.deleteTake(pending.clientTakeId);
        continue;
      }
      if (!dispatch({ type: 'recover' })) return null;
      setRecovered(true);
      uploader = await TakeUploader.recover(makeUploaderDeps(socket, store), pending);
      try {
        await completeWithServer(pending.stoppedDurationMs, true);
      } catch (error) {
        describeFailure(error);
        dispatch({ type: 'fail' });
      }
      return pending.sentenceText;
    }
    return null;
  }

  /**
   * Re-record. A saved take is never deleted here (only the speaker's explicit deletion does that): it is kept,
   * and the next take names it as the take it replaces. A take that never got saved is discarded as before.
   */
  async function redo(): Promise<void> {
    const done = finished();
    const saved = phase() === 'saved';
    if (!dispatch({ type: 'discard' })) return;
    try {
      // A take recovered after a reload may be of another sentence than the one shown.
      const sentenceId = done?.take?.sentenceId ?? (done?.recovered ? undefined : deps.sentence()?.id);
      if (saved && done && sentenceId) setRedone({ takeId: done.takeId, sentenceId });
      else if (uploader) await uploader.discard();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) describeFailure(error);
    }
    releaseUploader();
    setFinished(null);
    setProgress(null);
    dispatch({ type: 'discarded' });
  }

  function next(): boolean {
    if (!dispatch({ type: 'next' })) return false;
    setRedone(null);
    setRecovered(false);
    releaseUploader();
    setFinished(null);
    setProgress(null);
    setProblem(null);
    setElapsedMs(0);
    return true;
  }

  return {
    phase, progress, elapsedMs, problem, setProblem, finished, meter: devices.meter, localMode, cue,
    testingMic: devices.testing, micTestUrl: devices.testUrl, replacing, maxTakeSeconds, autoStopped,
    recovered, toggleMicTest, record, pause, resume, stop, redo, next, recoverLeftovers,
  };
}

export type TakeFlow = ReturnType<typeof createTakeFlow>;

/** `take:start` names the campaign prompt only inside a guided session. */
function promptOf(deps: TakeFlowDeps): { promptId?: string } {
  const promptId = deps.promptId?.() ?? null;
  return promptId ? { promptId } : {};
}
