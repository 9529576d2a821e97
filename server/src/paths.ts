import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory of the npm script that started us. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
