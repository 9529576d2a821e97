// One multipart file plus small text fields, held in memory within a byte limit.
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, badRequest } from '../errors.js';
import { MIME_TYPE } from '../protocol/schemas.js';
import { partContentType } from './part-headers.js';

export interface MultipartUpload {
  fields: Record<string, string>;
  file: { data: Buffer; mimeType: string } | null;
}

/** The part headers looked at for the file's full Content-Type: the fields before it fit well within this. */
const HEAD_BYTES = 256 * 1024;

export function readMultipart(req: Request, maxFileBytes: number): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 16, fieldSize: 8 * 1024, fileSize: maxFileBytes, parts: 20 },
      });
    } catch {
      reject(badRequest('Expected a multipart/form-data body'));
      return;
    }
    // busboy reports only type/subtype; the raw part header keeps parameters such as codecs=opus.
    const head: Buffer[] = [];
    let headBytes = 0;
    const keepHead = (chunk: Buffer) => {
      if (headBytes >= HEAD_BYTES) return;
      head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
      headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
    };
    req.on('data', keepHead);
    const fields: Record<string, string> = {};
    let file: MultipartUpload['file'] = null;
    let failure: AppError | null = null;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const parts: Buffer[] = [];
      // A body cut off inside the file ("Unexpected end of form") errors this stream as well as the parser:
      // unheard, it would end the process. The parser's own error answers BAD_REQUEST.
      stream.on('error', () => undefined);
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('limit', () => {
        failure = new AppError('TOO_LARGE', 'The file is too large');
      });
      stream.on('end', () => {
        file = { data: Buffer.concat(parts), mimeType: fullMimeType(info.mimeType) };
      });
    });
    const fullMimeType = (parsed: string) => {
      const raw = partContentType(Buffer.concat(head), req.headers['content-type'] ?? '', 'file');
      if (raw === null) return parsed;
      if (!MIME_TYPE.test(raw) || raw.length > 100) {
        failure ??= badRequest('The file part has an invalid or over-long Content-Type');
        return parsed;
      }
      return raw.split(';', 1)[0]!.trim().toLowerCase() === parsed ? raw : parsed;
    };
    const fail = (error: AppError) => {
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('filesLimit', () => (failure = badRequest('Only one file is accepted')));
    parser.on('error', () => fail(badRequest('Malformed multipart body')));
    parser.on('close', () => {
      req.off('data', keepHead);
      if (failure) fail(failure);
      else resolve({ fields, file });
    });
    req.pipe(parser);
  });
}
