import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLIENT_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../test-artifacts/e2e/', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The e2e suite needs Debian's chromium; CI installs it, a laptop may not have it. */
export const chromiumMissing = !existsSync(CHROMIUM_PATH);
