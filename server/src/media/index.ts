// The media toolkit: recordings in, dataset WAV and quality measures out.
export { ffmpegPath } from './ffmpeg-path.js';
export { MediaError, MediaDecodeError, MediaTooLargeError, MediaProcessError } from './errors.js';
export { containerForMimeType, type MediaContainer } from './mime.js';
export { WAV_SAMPLE_RATE } from './ffmpeg-wav.js';
export {
  transcodeToWav,
  DEFAULT_TRANSCODE_TIMEOUT_MS,
  DEFAULT_MAX_WAV_BYTES,
  type TranscodeOptions,
} from './transcode.js';
export { spawnInProcess, type FfmpegLauncher } from './ffmpeg-launcher.js';
export { FfmpegRunner } from './ffmpeg-runner.js';
export { LiveTranscoder, LIVE_SPOOL_PREFIX, DEFAULT_MAX_LIFETIME_MS, type LiveTranscoderOptions, type LiveTranscodeResult } from './live-transcoder.js';
export { parseWav, encodeWav, fixStreamedWavSizes, type PcmAudio } from './wav.js';
export {
  analyzePcm,
  DEFAULT_QUALITY_THRESHOLDS,
  DBFS_FLOOR,
  type AudioAnalysis,
  type QualityThresholds,
} from './analyze.js';
