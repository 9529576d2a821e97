// Builds for `npm start` that are redone only when their sources change: the client bundle (vite) and the
// server transpiled to plain JavaScript (esbuild, file by file, into the same server/dist layout that tsc writes
// for production). Each output holds a stamp: the hash of every source file that went into it.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const STAMP = '.source-stamp';

/** Every file under these paths (files or directories), sorted, skipping node_modules and build outputs. */
export async function listSources(roots: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (entry: string): Promise<void> => {
    const children = await readdir(entry, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOTDIR') return null;
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    if (children === null) return void files.push(entry);
    for (const child of children) {
      if (child.name === 'node_modules' || child.name === 'dist') continue;
      await walk(path.join(entry, child.name));
    }
  };
  for (const root of roots) await walk(root);
  return files.sort();
}

/** One hash over the files' names and contents. */
export async function hashSources(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Runs `build` unless `outDir` already holds a stamp for exactly these sources; true when it built. */
export async function buildIfChanged(roots: readonly string[], outDir: string, build: () => Promise<void>): Promise<boolean> {
  const stamp = await hashSources(await listSources(roots));
  const previous = await readFile(path.join(outDir, STAMP), 'utf8').catch(() => null);
  if (previous === stamp) return false;
  await build();
  await writeFile(path.join(outDir, STAMP), stamp);
  return true;
}

/** The server's TypeScript, transpiled file by file (no bundling, no type check: `npm test` type-checks). */
export async function transpileServer(srcDir: string, outDir: string): Promise<void> {
  const { build } = await import('esbuild');
  const entryPoints = (await listSources([srcDir])).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  await build({
    entryPoints,
    outdir: outDir,
    outbase: srcDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}
