import { runFfmpeg, type FfmpegLimits, type FfmpegProcess } from './ffmpeg-process.js';

/** Starts one bounded ffmpeg: in this process, or in the runner process (ffmpeg-runner.ts). */
export type FfmpegLauncher = (args: readonly string[], stdin: 'pipe' | 'ignore', limits: FfmpegLimits) => FfmpegProcess;

export const spawnInProcess: FfmpegLauncher = runFfmpeg;
