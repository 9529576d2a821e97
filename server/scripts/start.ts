// `npm start`: the client bundle and the transpiled server are rebuilt only when their sources changed, then
// the server runs as production runs it, plain JavaScript under node (no transpiler in the process).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../src/paths.js';
import { buildIfChanged, transpileServer } from './build-cache.js';
import { serverEnv } from './server-env.js';

const CLIENT = path.join(REPO_ROOT, 'client');
const SERVER = path.join(REPO_ROOT, 'server');

/** What the client bundle is made of: its own sources, its config, and the protocol it imports from the server. */
const CLIENT_SOURCES = [
  path.join(CLIENT, 'src'),
  path.join(CLIENT, 'index.html'),
  path.join(CLIENT, 'public'),
  path.join(CLIENT, 'build'),
  path.join(CLIENT, 'vite.config.ts'),
  path.join(CLIENT, 'package.json'),
  path.join(SERVER, 'src', 'protocol'),
];

async function buildClient(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(CLIENT, 'vite.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  const started = performance.now();
  // Vite sets NODE_ENV=production in this process while it builds; the server must see the user's own.
  const env = serverEnv(process.env);
  const clientBuilt = await buildIfChanged(CLIENT_SOURCES, path.join(CLIENT, 'dist'), buildClient);
  const serverBuilt = await buildIfChanged([path.join(SERVER, 'src')], path.join(SERVER, 'dist'), () =>
    transpileServer(path.join(SERVER, 'src'), path.join(SERVER, 'dist')),
  );
  const what = [clientBuilt ? 'client built' : 'client up to date', serverBuilt ? 'server transpiled' : 'server up to date'];
  console.error(`npm start: ${what.join(', ')} in ${Math.round(performance.now() - started)} ms`);

  const server = spawn(process.execPath, ['--enable-source-maps', path.join(SERVER, 'dist', 'main.js')], { stdio: 'inherit', cwd: REPO_ROOT, env });
  // Ctrl-C reaches the server from the terminal itself; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
