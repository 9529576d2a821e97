// A download ticket: a short-lived, signed permission to GET /export with one query, so that the browser can
// download the tar straight to disk through a plain link (a link cannot carry an Authorization header).
// Stateless (HMAC), so it works on any replica; it holds no token, only the user id, the query and an expiry.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

export const TICKET_SECONDS = 60;

interface TicketClaims {
  /** The supervisor it was issued to, for the log. */
  u: string;
  /** The export query, exactly as validated when the ticket was issued. */
  q: Record<string, string>;
  /** Expiry, epoch seconds. */
  e: number;
}

export function ticketKey(jwtKey: Uint8Array): Buffer {
  return createHmac('sha256', Buffer.from(jwtKey)).update('emovox:export-ticket').digest();
}

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest().subarray(0, 24);

export function issueTicket(key: Buffer, userId: string, query: Record<string, string>, now = Date.now()): { ticket: string; expiresAt: string } {
  const exp = Math.floor(now / 1000) + TICKET_SECONDS;
  const body = Buffer.from(JSON.stringify({ u: userId, q: query, e: exp } satisfies TicketClaims)).toString('base64url');
  return { ticket: `${body}.${sign(key, body).toString('base64url')}`, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The ticket's user and query; UNAUTHORIZED when it is forged, malformed or expired. */
export function readTicket(key: Buffer, ticket: string, now = Date.now()): { userId: string; query: Record<string, string> } {
  const refuse = () => new AppError('UNAUTHORIZED', 'The download link is not valid or has expired; start the export again');
  const [body, mac, ...rest] = ticket.split('.');
  if (!body || !mac || rest.length > 0 || ticket.length > 2048) throw refuse();
  const given = Buffer.from(mac, 'base64url');
  const expected = sign(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
  let claims: TicketClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TicketClaims;
  } catch {
    throw refuse();
  }
  if (typeof claims.e !== 'number' || claims.e * 1000 < now || typeof claims.q !== 'object' || claims.q === null) throw refuse();
  return { userId: String(claims.u), query: claims.q };
}
