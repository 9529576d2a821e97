import { build } from 'vite';
import { CHROMIUM_PATH, CLIENT_DIR, chromiumMissing } from './paths';

// Builds the client once, so the server under test serves exactly what production serves.
export default async function setup(): Promise<void> {
  if (chromiumMissing) {
    console.warn(`e2e: ${CHROMIUM_PATH} not found, so the browser suite is skipped (apt-get install -y chromium).`);
    return;
  }
  await build({ configFile: `${CLIENT_DIR}vite.config.ts`, logLevel: 'warn' });
}
