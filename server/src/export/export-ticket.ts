// A download ticket: a short-lived, signed permission to GET /export with one query, so that the browser can
// download the tar straight to disk through a plain link (a link cannot carry an Authorization header).
// Stateless (HMAC), so it works on any replica; it holds no token, only the user id, the id and epoch of the token
// that asked for it (so a logout or a disable ends it too), the query and an expiry.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

export const TICKET_SECONDS = 60;

interface TicketClaims {
  /** The supervisor it was issued to. */
  u: string;
  /** The issuing token's id (null for tokens made before ids existed) and the account's epoch it was made in. */
  t: string | null;
  p: number;
  /** The export query, exactly as validated when the ticket was issued. */
  q: Record<string, string>;
  /** Expiry, epoch seconds. */
  e: number;
}

export function ticketKey(jwtKey: Uint8Array): Buffer {
  return createHmac('sha256', Buffer.from(jwtKey)).update('emovox:export-ticket').digest();
}

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest().subarray(0, 24);

export interface TicketIssuer {
  userId: string;
  tokenId: string | null;
  epoch: number;
}

export function issueTicket(key: Buffer, issuer: TicketIssuer, query: Record<string, string>, now = Date.now()): { ticket: string; expiresAt: string } {
  const exp = Math.floor(now / 1000) + TICKET_SECONDS;
  const claims: TicketClaims = { u: issuer.userId, t: issuer.tokenId, p: issuer.epoch, q: query, e: exp };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { ticket: `${body}.${sign(key, body).toString('base64url')}`, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The ticket's issuer and query; UNAUTHORIZED when it is forged, malformed or expired (the caller checks the issuer). */
export function readTicket(key: Buffer, ticket: string, now = Date.now()): { issuer: TicketIssuer; query: Record<string, string> } {
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
  const tokenId = typeof claims.t === 'string' ? claims.t : null;
  return { issuer: { userId: String(claims.u), tokenId, epoch: Number(claims.p) }, query: claims.q };
}
