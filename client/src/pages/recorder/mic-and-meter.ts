import { createRoot, createSignal } from 'solid-js';
import { createLevelMeter, type LevelFeedback } from '../../lib/level-meter';
import { openMicrophone, releaseStream } from '../../lib/microphone';

/**
 * The devices a take holds while it records or while the level is tested: the microphone stream,
 * its level meter and the page's ticker. `release()` stops all of them.
 */
export function createMicAndMeter() {
  const [meter, setMeter] = createSignal<LevelFeedback | null>(null);
  const [testing, setTesting] = createSignal(false);
  let stream: MediaStream | null = null;
  let disposeMeter: (() => void) | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;

  const release = () => {
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
    startMeter(await open());
    setTesting(true);
  };

  const every = (ms: number, fn: () => void) => {
    if (ticker) clearInterval(ticker);
    ticker = setInterval(fn, ms);
  };

  return { meter, testing, open, startMeter, startTest, every, release };
}
