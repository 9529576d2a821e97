// Starts the yardstick recorder (bench/yardstick.ts) as its own process, compiled to plain JavaScript first as
// the emovox server is: under tsx every process is bigger, and with it the cost of each ffmpeg spawn.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
// Inside the repository (and ignored by git), so that its imports resolve from the root node_modules.
const OUT = path.join(BENCH, 'results', 'tmp', 'yardstick.mjs');

export interface YardstickProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function compile(): Promise<string> {
  const source = await readFile(path.join(BENCH, 'yardstick.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  await mkdir(path.dirname(OUT), { recursive: true });
  await writeFile(OUT, outputText);
  return OUT;
}

export async function startYardstick(): Promise<YardstickProcess> {
  const child = spawn(process.execPath, [await compile()], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the yardstick did not listen within 30 s'));
    }, 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{"listening"')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { listening: number }).listening);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error('the yardstick exited before it listened'));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
