// Junk values: wrong types, edge numbers, hostile strings, odd objects.
import { bytes, int, pick, type Random } from './random.js';

export const BAD_NUMBERS = [-1, -0.5, 0.5, 1.5, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.MIN_VALUE];
export const BAD_SEQS: unknown[] = [...BAD_NUMBERS, '1', '', null, [], {}, true, [0], { seq: 0 }];

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  "'; DROP TABLE takes; --",
  '../../../../etc/passwd',
  '%s%s%s%n',
  '\u0000\u0001\u0002',
  '😀'.repeat(50),
  '\uD800',
  'A'.repeat(10_000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '12345678-1234-1234-1234-1234567890ab',
  '{"ok":true}',
  'take:start',
];

function junkString(random: Random): string {
  return random() < 0.6 ? pick(random, HOSTILE_STRINGS) : bytes(random, int(random, 1, 64)).toString('latin1');
}

function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

export function junk(random: Random, depth = 0): unknown {
  switch (int(random, 0, depth > 2 ? 5 : 9)) {
    case 0:
      return null;
    case 1:
      return pick(random, [true, false]);
    case 2:
      return pick(random, BAD_NUMBERS);
    case 3:
    case 4:
      return junkString(random);
    case 5:
      return bytes(random, int(random, 0, 2048));
    case 6:
      return Array.from({ length: int(random, 0, 5) }, () => junk(random, depth + 1));
    case 7: {
      const object: Record<string, unknown> = {};
      // defineProperty: a '__proto__' key stays an own property, as JSON.parse on the server makes it.
      for (let i = int(random, 0, 5); i > 0; i--) {
        const key = pick(random, ['takeId', 'seq', 'data', '__proto__', 'constructor', junkString(random).slice(0, 20)]);
        Object.defineProperty(object, key, { value: junk(random, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    case 8:
      return deep(int(random, 50, 800));
    default:
      return Array.from({ length: int(random, 1000, 5000) }, (_, i) => i);
  }
}

/** A string that is not a UUID, or a value that is not a string. */
export function notUuid(random: Random): unknown {
  return pick(random, ['', 'not-a-uuid', '12345678-1234-1234-1234-1234567890a', '{12345678-1234-1234-1234-1234567890ab}', 42, null, [], {}, 'G2345678-1234-1234-1234-1234567890ab']);
}

export function randomUuid(random: Random): string {
  const hex = bytes(random, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function eventName(random: Random): string | number {
  return pick(random, [
    () => junkString(random).slice(0, 200) || 'x',
    () => pick(random, ['take:Start', 'take:start ', 'take:chunks', 'take', 'monitor:snapshot', 'toString', 'hasOwnProperty', '__proto__', 'constructor', 'error', 'take:status']),
    () => int(random, -5, 1e6),
    () => `e${'x'.repeat(int(random, 100, 20_000))}`,
  ])();
}
