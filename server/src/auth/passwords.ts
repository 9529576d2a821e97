// scrypt password hashes, self-describing (scrypt$N$r$p$salt$key) so that older parameters still verify and
// are upgraded at the next successful login.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** OWASP's current scrypt floor: N=2^17, r=8, p=1 (128 MiB of memory per hash). */
export const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Parameters above these are refused rather than computed: a stored hash must not exhaust memory. */
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;

/**
 * One hash at a time. Each takes 128 MiB and a libuv thread: several at once add their memory to a small pod
 * and hold back the file work of live takes, which shares those threads. Logins are rare; a queue of them costs
 * only their wait.
 */
let queue: Promise<unknown> = Promise.resolve();

function scrypt(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number }): Promise<Buffer> {
  // Node refuses to run scrypt when 128 * N * r exceeds maxmem; leave room above it.
  const maxmem = 128 * options.N * options.r + 16 * 1024 * 1024;
  const run = () =>
    new Promise<Buffer>((resolve, reject) =>
      scryptCallback(password, salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
    );
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parseHash(stored: string) {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (scheme !== 'scrypt' || !salt || !key) return null;
  if (![N, R, P].every(Number.isSafeInteger) || N < 2 || N > MAX_N || R < 1 || R > MAX_R || P < 1 || P > MAX_P) return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parseHash(stored);
  if (!hash) return false;
  const actual = await scrypt(password, hash.salt, { N: hash.N, r: hash.r, p: hash.p });
  return actual.length === hash.key.length && timingSafeEqual(actual, hash.key);
}

/** True when the hash was made with other parameters than today's: rehash it after a successful login. */
export function needsRehash(stored: string): boolean {
  const hash = parseHash(stored);
  return !hash || hash.N !== PARAMS.N || hash.r !== PARAMS.r || hash.p !== PARAMS.p;
}

/** Spend the same time on an unknown email as on a wrong password. */
export const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
