// The client's pages over real HTTP: known pages answer 200, any other path the same page with 404.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticClient } from '../../src/http/static-client.js';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'emovox-static-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>emovox</title><div id="root"></div>');
  const app = express();
  app.use(staticClient(dir));
  server = app.listen(0);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('the client pages', () => {
  it('when a known page is asked for, then the client answers 200', async () => {
    for (const page of ['/', '/delete', '/delete/', '/listen', '/review', '/login', '/campaigns', '/join/XQ4CQHDG', '/join/XQ4CQHDG/']) {
      const response = await fetch(`${base}${page}?lang=fr`);
      expect(response.status, page).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('when an unknown path is asked for, then the client (which shows its 404 page) comes with status 404', async () => {
    for (const page of ['/no-such-page', '/delete/extra', '/assets/missing.js', '/join', '/join/', '/join/a', '/join/AB%20CD', '/join/ABCD/extra']) {
      const response = await fetch(`${base}${page}`);
      expect(response.status, page).toBe(404);
      expect(await response.text()).toContain('<div id="root">');
    }
  });
});
