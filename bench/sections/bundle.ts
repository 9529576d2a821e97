// The recorder page's JavaScript, gzipped, as the client build's size report prints it.
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../server/src/paths.js';

export function clientBundle(): Promise<{ recorderJsGzipKb: number | null; budgetKb: number | null; chunks: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '-w', 'client'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`client build failed (${code}):\n${output.slice(-2000)}`));
      const total = /recorder page JS total: ([\d.]+) KB gzip \(\w+ the (\d+) KB budget\)/.exec(output);
      resolve({
        recorderJsGzipKb: total ? Number(total[1]) : null,
        budgetKb: total ? Number(total[2]) : null,
        chunks: output.split('\n').filter((line) => /KB gzip$/.test(line.trim())).map((line) => line.trim()),
      });
    });
  });
}
