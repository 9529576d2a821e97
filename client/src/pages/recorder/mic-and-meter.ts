import { createRoot, createSignal, onCleanup } from 'solid-js';
import { createLevelMeter, type LevelFeedback } from '../../lib/level-meter';
import { openMicrophone, pickMimeType, releaseStream } from '../../lib/microphone';

/**
 * The devices a take holds while it records or while the level is tested: the microphone stream,
 * its level meter and the page's ticker. `release()` stops all of them. The microphone test is also
 * recorded, in the page only, so the speaker can hear it back (`testUrl`); nothing of it is sent.
 */
export function createMicAndMeter() {
  const [meter, setMeter] = createSignal<LevelFeedback | null>(null);
  const [testing, setTesting] = createSignal(false);
  const [testUrl, setTestUrl] = createSignal<string | null>(null);
  let stream: MediaStream | null = null;
  let disposeMeter: (() => void) | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let testRecorder: MediaRecorder | null = null;

  const replaceTestUrl = (url: string | null) => {
    const old = testUrl();
    if (old) URL.revokeObjectURL(old);
    setTestUrl(url);
  };
  onCleanup(() => replaceTestUrl(null));

  const release = () => {
    if (testRecorder && testRecorder.state !== 'inactive') testRecorder.stop(); // its last data, then onstop
    testRecorder = null;
    setTesting(false);
    if (ticker) clearInterval(ticker);
    ticker = null;
    disposeMeter?.();
    disposeMeter = null;
    setMeter(null);
    if (stream) releaseStream(stream);
    stream = null;
  };

  /** Opens the microphone (throws as openMicrophone does); the meter starts with startMeter. */
  const open = async (): Promise<MediaStream> => {
    stream = await openMicrophone();
    return stream;
  };

  const startMeter = (active: MediaStream) => {
    disposeMeter = createRoot((dispose) => {
      setMeter(createLevelMeter(active));
      return dispose;
    });
  };

  /** The level check before recording: the meter runs, nothing is recorded or sent. */
  const startTest = async (): Promise<void> => {
    const active = await open();
    startMeter(active);
    replaceTestUrl(null);
    const mimeType = pickMimeType(MediaRecorder);
    if (mimeType) {
      const parts: Blob[] = [];
      const recorder = new MediaRecorder(active, { mimeType });
      recorder.ondataavailable = (event) => event.data.size > 0 && parts.push(event.data);
      recorder.onstop = () => replaceTestUrl(parts.length > 0 ? URL.createObjectURL(new Blob(parts, { type: mimeType })) : null);
      recorder.start();
      testRecorder = recorder;
    }
    setTesting(true);
  };

  const every = (ms: number, fn: () => void) => {
    if (ticker) clearInterval(ticker);
    ticker = setInterval(fn, ms);
  };

  return { meter, testing, testUrl, open, startMeter, startTest, every, release };
}
