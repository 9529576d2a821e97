// One multipart file plus small text fields, held in memory within a byte limit.
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../errors.js';

export interface MultipartUpload {
  fields: Record<string, string>;
  file: { data: Buffer; mimeType: string } | null;
}

export function readMultipart(req: Request, maxFileBytes: number): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 16, fieldSize: 8 * 1024, fileSize: maxFileBytes, parts: 20 },
      });
    } catch {
      reject(new AppError('BAD_REQUEST', 'Expected a multipart/form-data body'));
      return;
    }
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
        file = { data: Buffer.concat(parts), mimeType: info.mimeType };
      });
    });
    const fail = (error: AppError) => {
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('filesLimit', () => (failure = new AppError('BAD_REQUEST', 'Only one file is accepted')));
    parser.on('error', () => fail(new AppError('BAD_REQUEST', 'Malformed multipart body')));
    parser.on('close', () => (failure ? fail(failure) : resolve({ fields, file })));
    req.pipe(parser);
  });
}
