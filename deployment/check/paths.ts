import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the checker runs from any cwd. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const fixturesDir = resolve(repoRoot, 'deployment', 'check', 'fixtures');

export const overlayNames = ['dev', 'prod'] as const;
export type OverlayName = (typeof overlayNames)[number];

export function overlayDir(name: string): string {
  return resolve(repoRoot, 'k8s', 'overlays', name);
}
