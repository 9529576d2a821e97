// Media failures. Messages are safe to show to a client: no paths, no ffmpeg output.
// ffmpeg's stderr, when there is any, stays on `detail` for the structured log.

export class MediaError extends Error {
  readonly detail: string | undefined;

  constructor(message: string, detail?: string) {
    super(message);
    this.name = new.target.name;
    this.detail = detail;
  }
}

/** The bytes are not audio this server can decode, or the MIME type is not accepted (415). */
export class MediaDecodeError extends MediaError {}

/** The decoded audio is larger than the caller allowed (413). */
export class MediaTooLargeError extends MediaError {}

/** ffmpeg did not finish in time, could not start, or was stopped: not the client's fault (500). */
export class MediaProcessError extends MediaError {}
