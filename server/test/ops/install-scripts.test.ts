// A fresh `npm install` / `npm ci` compiles no native code: every package installed here whose install script
// would build a native addon (node-gyp) is denied in the root package.json's `allowScripts` (npm 11 skips the
// lifecycle scripts of a package set to false there). re2, an optional dependency of superstatic under
// firebase-tools (the test-only GCS emulator), took most of a fresh install compiling; superstatic falls back
// to JavaScript's RegExp without it, and the Storage emulator does not use it at all.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/paths.js';

interface LockEntry {
  hasInstallScript?: boolean;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;
const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
const allowScripts = readJson<{ allowScripts?: Record<string, boolean> }>('package.json').allowScripts ?? {};
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** Whether an installed package would build a native addon at install time. */
function buildsNativeCode(dir: string): boolean {
  if (existsSync(path.join(dir, 'binding.gyp'))) return true;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { gypfile?: boolean; scripts?: Record<string, string> };
  if (manifest.gypfile) return true;
  return INSTALL_SCRIPTS.some((name) => /node-gyp|cmake-js|prebuild-install/.test(manifest.scripts?.[name] ?? ''));
}

// Only the packages present on this platform: the others' scripts never run here.
const withScripts = Object.entries(lock.packages)
  .filter(([location, entry]) => location !== '' && entry.hasInstallScript && existsSync(path.join(REPO_ROOT, location)))
  .map(([location]) => ({ location, name: location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length) }));

describe('install scripts', () => {
  it('finds the install scripts the lock records (re2 among them), so the check below has something to check', () => {
    expect(withScripts.map((p) => p.name)).toContain('re2');
  });

  it('when a package would compile native code at install, then allowScripts denies it', () => {
    const compiling = withScripts.filter((p) => allowScripts[p.name] !== false && buildsNativeCode(path.join(REPO_ROOT, p.location)));
    expect(compiling.map((p) => p.name)).toEqual([]);
  });
});
