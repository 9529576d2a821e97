// Malformed and hostile REST traffic: bad JSON, broken multipart, random paths and methods, bad tokens.
import { bytes, int, pick, type Random } from './random.js';
import { HOSTILE_STRINGS, junk, randomUuid } from './values.js';

export interface RestCase {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Codes the error may carry; undefined: any contract code, or a success. */
  expect?: readonly string[];
  /** Under /api/v1 or an ops route: errors must carry the contract body. */
  contract: boolean;
}

export interface RestContext {
  random: Random;
  speakerToken: string;
  supervisorToken: string;
  takeId: string;
  sentenceId: string;
}

const JSON_POSTS = ['/api/v1/speakers', '/api/v1/auth/login', '/api/v1/sentences', '/api/v1/users'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const API_PATHS = [
  '/api/v1/speakers', '/api/v1/sentences/random', '/api/v1/sentences', '/api/v1/takes', '/api/v1/deletions', '/api/v1/stats',
  '/api/v1/users', '/api/v1/export', '/api/v1/auth/login', '/api/v1/takes/:id', '/api/v1/takes/:id/audio', '/api/v1/sentences/:id', '/api/v1/users/:id',
];

const bad = (random: Random) => pick(random, ['{', '{"consent":', '[1,2', 'null', '"text"', '{"a":1}}', '\u0000', bytes(random, 64).toString('latin1'), '{"__proto__":{"admin":true}}', JSON.stringify(junk(random))]);

function segment(random: Random): string {
  return pick(random, [
    () => randomUuid(random),
    () => 'not-a-uuid',
    () => '%E0%A4%A',
    () => '%',
    () => '..%2F..%2Fetc%2Fpasswd',
    () => encodeURIComponent(pick(random, HOSTILE_STRINGS).slice(0, 100).replace(/[\uD800-\uDFFF]/g, '?')),
    () => 'x'.repeat(int(random, 1, 3000)),
  ])();
}

function query(random: Random): string {
  if (random() < 0.4) return '';
  const keys = ['locale', 'exclude', 'format', 'limit', 'cursor', 'state', 'emotion', 'review', 'since', 'speakerId', '__proto__', 'a[b]', 'limit[]'];
  const values = ['fr', 'xx', '-1', '1e9', '501', 'wav', 'original', 'jsonl', '%zz', 'a,b,c', randomUuid(random), '', '[]', 'saved'];
  return `?${Array.from({ length: int(random, 1, 4) }, () => `${pick(random, keys)}=${pick(random, values)}`).join('&')}`;
}

function auth(random: Random, ctx: RestContext): Record<string, string> {
  return pick<Record<string, string>>(random, [
    {},
    { authorization: `Bearer ${ctx.speakerToken}` },
    { authorization: `Bearer ${ctx.supervisorToken}` },
    { authorization: 'Bearer ' },
    { authorization: `Bearer ${ctx.speakerToken.slice(0, -2)}xx` },
    { authorization: `Bearer ${ctx.supervisorToken.slice(0, -3)}abc` },
    { authorization: 'Basic YWRtaW46YWRtaW4=' },
    { authorization: `Bearer ${'a'.repeat(5000)}` },
    { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.' },
  ]);
}

function multipart(random: Random, ctx: RestContext, truncated: boolean): { body: Buffer; contentType: string } {
  const boundary = `fuzz${int(random, 0, 1e9)}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = (data: Buffer, type: string) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.webm"\r\nContent-Type: ${type}\r\n\r\n`), data, Buffer.from('\r\n')]);
  const end = Buffer.from(`--${boundary}--\r\n`);
  const fields = Buffer.from(field('sentenceId', random() < 0.8 ? ctx.sentenceId : 'nope') + field('emotion', pick(random, ['joy', 'happy', ''])) + (random() < 0.3 ? field('audioSettings', pick(random, ['{', '[]', '{"sampleRate":-5}', '{"echoCancellation":false}'])) : ''));
  const garbage = bytes(random, int(random, 1, 20_000));
  // A body that ends inside a part: busboy destroys the part's file stream with an error.
  if (truncated) return { body: pick(random, [Buffer.concat([fields, file(garbage, 'audio/webm')]), Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
  const body = pick(random, [
    () => Buffer.concat([fields, file(garbage, 'audio/webm;codecs=opus'), end]), // undecodable audio
    () => Buffer.concat([fields, file(garbage, 'text/plain'), end]),
    () => Buffer.concat([fields, end]), // no file
    () => Buffer.concat([file(garbage, 'audio/ogg'), file(garbage, 'audio/ogg'), end]), // two files
    () => bytes(random, int(random, 0, 4096)),
  ])();
  const contentType = pick(random, [`multipart/form-data; boundary=${boundary}`, `multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'application/json', `multipart/form-data; boundary="${'b'.repeat(300)}"`]);
  return { body, contentType };
}

export const REST_CASES: Record<string, (ctx: RestContext) => RestCase> = {
  'rest-json': (ctx) => ({
    kind: 'rest-json',
    method: pick(ctx.random, ['POST', 'POST', 'PATCH']),
    path: pick(ctx.random, [...JSON_POSTS, `/api/v1/takes/${ctx.takeId}`, `/api/v1/sentences/${ctx.sentenceId}`]),
    headers: { 'content-type': pick(ctx.random, ['application/json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'text/plain']), ...auth(ctx.random, ctx) },
    body: bad(ctx.random),
    contract: true,
  }),
  'rest-multipart': (ctx) => {
    const { body, contentType } = multipart(ctx.random, ctx, false);
    const headers = { 'content-type': contentType, ...(ctx.random() < 0.85 ? { authorization: `Bearer ${ctx.speakerToken}` } : auth(ctx.random, ctx)) };
    return { kind: 'rest-multipart', method: 'POST', path: '/api/v1/takes', headers, body, contract: true };
  },
  'rest-multipart-truncated': (ctx) => {
    const { body, contentType } = multipart(ctx.random, ctx, true);
    return { kind: 'rest-multipart-truncated', method: 'POST', path: '/api/v1/takes', headers: { 'content-type': contentType, authorization: `Bearer ${ctx.speakerToken}` }, body, expect: ['BAD_REQUEST'], contract: true };
  },
  'rest-random': (ctx) => {
    const api = ctx.random() < 0.8;
    const template = pick(ctx.random, API_PATHS).replace(':id', segment(ctx.random));
    const path = api ? template : pick(ctx.random, ['/', '/x', '/.env', '/socket.io/?EIO=4&transport=polling', '/socket.io/?EIO=9', '/metrics', '/readyz', `/${segment(ctx.random)}`, '/api/v2/takes']);
    const method = pick(ctx.random, METHODS);
    const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && ctx.random() < 0.7 ? JSON.stringify(junk(ctx.random)) : undefined;
    return {
      kind: 'rest-random',
      method,
      path: `${path}${query(ctx.random)}`,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...auth(ctx.random, ctx) },
      ...(body !== undefined ? { body } : {}),
      contract: path.startsWith('/api/v1/'),
    };
  },
  /** A speaker's token on supervisor routes, and no or broken tokens on protected ones. */
  'rest-auth': (ctx) => {
    const supervisorRoute = pick(ctx.random, ['/api/v1/takes', '/api/v1/stats', '/api/v1/deletions', '/api/v1/users', '/api/v1/sentences', '/api/v1/export']);
    return pick(ctx.random, [
      { kind: 'rest-auth', method: 'GET', path: supervisorRoute, headers: { authorization: `Bearer ${ctx.speakerToken}` }, expect: ['FORBIDDEN'], contract: true },
      { kind: 'rest-auth', method: 'GET', path: supervisorRoute, headers: {}, expect: ['UNAUTHORIZED'], contract: true },
      { kind: 'rest-auth', method: 'GET', path: `/api/v1/takes/${randomUuid(ctx.random)}`, headers: auth(ctx.random, ctx), expect: ['UNAUTHORIZED', 'NOT_FOUND', 'FORBIDDEN'], contract: true },
      { kind: 'rest-auth', method: 'DELETE', path: `/api/v1/takes/${randomUuid(ctx.random)}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipt: 'forged' }), expect: ['NOT_FOUND', 'UNAUTHORIZED'], contract: true },
      { kind: 'rest-auth', method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password' }), expect: ['UNAUTHORIZED'], contract: true },
    ]);
  },
};
