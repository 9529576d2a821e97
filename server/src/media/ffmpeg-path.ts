import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';

// The static ffmpeg shipped by @ffmpeg-installer (a 2018 4.1-dev build; it has no ffprobe).
// Importing fails fast when the binary is missing, which is a broken install, not a runtime case.
export const ffmpegPath: string = ffmpegInstaller.path;
