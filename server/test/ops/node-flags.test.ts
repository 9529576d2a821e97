import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/node-flags.js';
import { REPO_ROOT } from '../../src/paths.js';

describe('the V8 flags the server runs with', () => {
  it('when production starts the image or a developer runs npm start, then both pass every flag', async () => {
    const dockerfile = await readFile(path.join(REPO_ROOT, 'docker/Dockerfile'), 'utf8');
    const cmd = dockerfile.split('\n').find((line) => line.startsWith('CMD '));
    const start = (JSON.parse(await readFile(path.join(REPO_ROOT, 'server/package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
      .start!;
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) {
      expect(JSON.parse(cmd!.slice(4)) as string[]).toContain(flag);
      expect(start.split(' ')).toContain(flag);
    }
  });
});
