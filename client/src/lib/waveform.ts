/** Mono PCM16 samples from a WAV file (the server's 16 kHz mono WAV), as -1..1 floats. */
export function decodeWavPcm16(buffer: ArrayBuffer): { sampleRate: number; samples: Float32Array } {
  const view = new DataView(buffer);
  const tag = (offset: number) => String.fromCharCode(...new Uint8Array(buffer, offset, 4));
  if (buffer.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let sampleRate = 16000;
  let channels = 1;
  let bits = 16;
  while (offset + 8 <= buffer.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error('only PCM16 WAV is drawn');
      const end = Math.min(buffer.byteLength, body + size);
      const frames = Math.floor((end - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = view.getInt16(body + i * 2 * channels, true) / 32768;
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV has no data chunk');
}

/** Min and max of each of `columns` equal slices: what one pixel column of the waveform shows. */
export function waveformColumns(samples: Float32Array, columns: number): { min: number; max: number }[] {
  const result: { min: number; max: number }[] = [];
  const per = samples.length / Math.max(1, columns);
  for (let c = 0; c < columns; c++) {
    let min = 0;
    let max = 0;
    const end = Math.min(samples.length, Math.floor((c + 1) * per));
    for (let i = Math.floor(c * per); i < end; i++) {
      const s = samples[i] as number;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    result.push({ min, max });
  }
  return result;
}

export function drawWaveform(canvas: HTMLCanvasElement, samples: Float32Array, color: string): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.floor(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.floor(canvas.clientHeight * ratio));
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, width, height);
  context.fillStyle = color;
  const middle = height / 2;
  waveformColumns(samples, width).forEach(({ min, max }, x) => {
    const top = middle - max * middle;
    const bottom = middle - min * middle;
    context.fillRect(x, top, 1, Math.max(1, bottom - top));
  });
}
