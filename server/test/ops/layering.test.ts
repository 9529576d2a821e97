// The layering the architecture promises: SQL only in db/ repositories, and no source file past 300 lines.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const SQL = /SELECT|INSERT|UPDATE |DELETE FROM|\.query\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const files = sources(SRC).map((file) => ({ name: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));

describe('server source layering', () => {
  it('keeps every SQL statement and query call in db/', () => {
    const outside = files.filter((file) => !file.name.startsWith(`db${path.sep}`) && SQL.test(file.text)).map((file) => file.name);
    expect(outside).toEqual([]);
  });

  it('keeps every source file at 300 lines or fewer', () => {
    const long = files.filter((file) => file.text.split('\n').length - 1 > 300).map((file) => file.name);
    expect(long).toEqual([]);
  });
});
