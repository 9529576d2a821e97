// `npm start` rebuilds the client and the server only when their sources changed: the stamp must notice any
// change of content, a new file and a removed one, and nothing else.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfChanged, transpileServer } from '../../scripts/build-cache.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'emovox-build-cache-'));
  await mkdir(path.join(dir, 'src', 'nested'), { recursive: true });
  await mkdir(path.join(dir, 'out'));
  await writeFile(path.join(dir, 'src', 'a.ts'), 'export const a: number = 1;\n');
  await writeFile(path.join(dir, 'src', 'nested', 'b.ts'), "import { a } from '../a.js';\nexport const b = a + 1;\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildIfChanged', () => {
  it('when nothing changed, then it does not build again; any change of content, a new file or a removed file rebuilds', async () => {
    let builds = 0;
    const build = () => buildIfChanged([path.join(dir, 'src')], path.join(dir, 'out'), async () => void (builds += 1));
    expect(await build()).toBe(true);
    expect(await build()).toBe(false);
    await writeFile(path.join(dir, 'src', 'a.ts'), 'export const a: number = 2;\n');
    expect(await build()).toBe(true);
    await writeFile(path.join(dir, 'src', 'nested', 'c.ts'), 'export {};\n');
    expect(await build()).toBe(true);
    await rm(path.join(dir, 'src', 'nested', 'c.ts'));
    expect(await build()).toBe(true);
    expect(await build()).toBe(false);
    expect(builds).toBe(4);
  });

  it('when the build fails, then no stamp is written and the next start builds again', async () => {
    const failing = buildIfChanged([path.join(dir, 'src')], path.join(dir, 'out'), () => Promise.reject(new Error('broken')));
    await expect(failing).rejects.toThrow('broken');
    expect(await buildIfChanged([path.join(dir, 'src')], path.join(dir, 'out'), async () => undefined)).toBe(true);
  });
});

describe('transpileServer', () => {
  it('when the sources are transpiled, then node runs them as plain ES modules with their imports', async () => {
    await transpileServer(path.join(dir, 'src'), path.join(dir, 'out'));
    expect(await readFile(path.join(dir, 'out', 'nested', 'b.js'), 'utf8')).toContain("from \"../a.js\"");
    const { b } = (await import(path.join(dir, 'out', 'nested', 'b.js'))) as { b: number };
    expect(b).toBe(2);
  });
});
