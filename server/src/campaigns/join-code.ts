// Join codes: short, URL-safe, unambiguous when read aloud or typed (no 0/O, 1/I/L), case-insensitive.
import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET } from '../protocol/index.js';

/** 8 characters of a 31-letter alphabet: about 8.5e11 codes, so a guessed code almost never names a campaign. */
export const JOIN_CODE_LENGTH = 8;

export function newJoinCode(length = JOIN_CODE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** What a speaker typed, as codes are stored: trimmed, upper-case, without spaces or dashes they may add. */
export const normaliseJoinCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();
