// What every answer must look like under docs/PROTOCOL.md: ack shapes, REST error bodies and
// statuses, and messages that never leak stack traces, SQL, file paths or secrets.
import { ERROR_CODES, HTTP_STATUS, type ErrorCode } from '../../server/src/protocol/index.js';

const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at |\bat [\w$.<>]+ \(|\bat file:|\.[cm]?[jt]s:\d+/],
  ['file path', /(^|[\s'"(])\/(work|tmp|home|root|usr|var|etc|proc)\/|node_modules|[A-Z]:\\/],
  ['SQL', /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|\brelation "|syntax error at or near|violates \w+ constraint|duplicate key value|SQLSTATE/],
  ['internals', /ECONNREFUSED|ECONNRESET|TypeError|ReferenceError|RangeError|SyntaxError: |Cannot read propert|is not a function|undefined is not/],
  ['secret', /-----BEGIN|eyJ[\w-]{10,}\.[\w-]{10,}|TOKEN_SECRET|postgres(ql)?:\/\//i],
];

export function leakIn(message: string): string | null {
  for (const [what, pattern] of LEAKS) if (pattern.test(message)) return what;
  return null;
}

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/** Problems with an error object `{ code, message, ...extra }`; empty when it is well formed. */
export function errorProblems(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return ['error is not an object'];
  const { code, message } = error as { code?: unknown; message?: unknown };
  const problems: string[] = [];
  if (!isErrorCode(code)) problems.push(`unknown code ${JSON.stringify(code)}`);
  if (typeof message !== 'string' || message.length === 0) problems.push('message is not a non-empty string');
  else {
    const leak = leakIn(message);
    if (leak) problems.push(`message leaks a ${leak}: ${JSON.stringify(message.slice(0, 200))}`);
  }
  if (code === 'INTERNAL') problems.push('INTERNAL answered (a server bug, or an unmapped error)');
  if (code === 'MISSING_CHUNKS' && !Array.isArray((error as { missing?: unknown }).missing)) problems.push('MISSING_CHUNKS without error.missing');
  if ((code === 'RATE_LIMITED' || code === 'UNAVAILABLE') && typeof (error as { retryAfterMs?: unknown }).retryAfterMs !== 'number') {
    problems.push(`${code} without error.retryAfterMs`);
  }
  return problems;
}

/** Problems with a Socket.IO ack, and its error code. */
export function checkAck(ack: unknown): { problems: string[]; code: string | null; ok: boolean } {
  if (typeof ack !== 'object' || ack === null || typeof (ack as { ok?: unknown }).ok !== 'boolean') {
    return { problems: [`ack is not { ok: boolean }: ${JSON.stringify(ack)?.slice(0, 200)}`], code: null, ok: false };
  }
  const { ok, error } = ack as { ok: boolean; error?: unknown };
  if (ok) return { problems: [], code: null, ok: true };
  const problems = errorProblems(error);
  return { problems, code: isErrorCode((error as { code?: unknown })?.code) ? (error as { code: string }).code : null, ok: false };
}

/** Problems with a REST answer under /api/v1 (or the ops routes): errors carry the contract body and its status. */
export function checkRestError(status: number, contentType: string, body: string): { problems: string[]; code: string | null } {
  if (status < 400) return { problems: [], code: null };
  if (!contentType.includes('application/json')) return { problems: [`HTTP ${status} without a JSON body (${contentType || 'no content type'})`], code: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { problems: [`HTTP ${status} with a body that is not JSON`], code: null };
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  const problems = errorProblems(error);
  const code = isErrorCode((error as { code?: unknown })?.code) ? (error as { code: ErrorCode }).code : null;
  // 416 is the one status outside the table: an unsatisfiable range, answered BAD_REQUEST.
  if (code && HTTP_STATUS[code] !== status && !(status === 416 && code === 'BAD_REQUEST')) {
    problems.push(`HTTP ${status} with code ${code} (expected ${HTTP_STATUS[code]})`);
  }
  return { problems, code };
}

/** Shapes of the successful acks, by event. */
export function okShapeProblems(event: string, ack: Record<string, unknown>): string[] {
  const need = (key: string, test: (v: unknown) => boolean) => (test(ack[key]) ? [] : [`${event} ok ack: bad ${key} ${JSON.stringify(ack[key])}`]);
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  const num = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
  switch (event) {
    case 'take:start':
      return [...need('takeId', str), ...need('receipt', str), ...need('state', str), ...need('maxChunkBytes', num)];
    case 'take:chunk':
      return need('seq', num);
    case 'take:stop':
      return need('state', str);
    case 'take:resume':
      return [...need('state', str), ...need('nextSeq', num), ...need('missing', Array.isArray), ...need('receivedSeq', num), ...need('receipt', str)];
    case 'take:discard':
      return need('state', (v) => v === 'discarded');
    default:
      return [`ok:true answered to ${JSON.stringify(event).slice(0, 80)}`];
  }
}
