// Runs one load-generator scenario as a separate process and hands back its result.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const LOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load.ts');

export async function runLoad<R = Record<string, unknown>>(
  scenario: string,
  config: Record<string, unknown>,
  options: { timeoutMs: number; onProgress?: (event: Record<string, unknown>) => void },
): Promise<R> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'emovox-load-'));
  const file = path.join(dir, 'config.json');
  await writeFile(file, JSON.stringify(config));
  try {
    return await new Promise<R>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', LOAD, scenario, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
      let result: R | null = null;
      createInterface({ input: child.stdout }).on('line', (line) => {
        let message: { progress?: Record<string, unknown>; result?: R };
        try {
          message = JSON.parse(line) as typeof message;
        } catch {
          return; // a stray log line
        }
        if (message.progress) options.onProgress?.(message.progress);
        if (message.result) result = message.result;
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (result) resolve(result);
        else reject(new Error(`load generator (${scenario}) ended without a result: ${signal ?? code}`));
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
