// Supervisor-side test helpers: accounts, authenticated REST calls, and saved takes made the real way.
import { readFile } from 'node:fs/promises';
import { FIXTURES } from '../fixtures/index.js';
import { randomSentence } from '../support/speaker-client.js';
import type { TakeJson } from '../../src/protocol/index.js';

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

export interface Call {
  method?: string;
  token?: string;
  body?: unknown;
}

export async function request(baseUrl: string, path: string, call: Call = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${baseUrl}/api/v1${path}`, {
    method: call.method ?? 'GET',
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
}

export async function requestJson<T>(baseUrl: string, path: string, call: Call = {}, expected = 200): Promise<T> {
  const response = await request(baseUrl, path, call);
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${call.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  return (await requestJson<{ token: string }>(baseUrl, '/auth/login', { method: 'POST', body: { email, password } })).token;
}

/** The bootstrapped admin, plus a plain supervisor the admin creates through the API. */
export async function supervisorTokens(baseUrl: string, suffix = 'a') {
  const admin = await login(baseUrl, ADMIN.email, ADMIN.password);
  const email = `supervisor-${suffix}@example.org`;
  const password = 'supervisor password';
  const created = await requestJson<{ id: string }>(baseUrl, '/users', { method: 'POST', token: admin, body: { email, password, role: 'supervisor' } }, 201);
  return { admin, supervisor: await login(baseUrl, email, password), supervisorId: created.id, email, password };
}

/** A saved take through POST /takes (the whole-file path runs the same pipeline as streaming). */
export async function uploadTake(
  baseUrl: string,
  speakerToken: string,
  options: { emotion: string; sentenceId?: string; intensity?: string; fixture?: string },
): Promise<TakeJson & { receipt: string }> {
  const sentenceId = options.sentenceId ?? (await randomSentence(baseUrl)).id;
  const form = new FormData();
  form.set('sentenceId', sentenceId);
  form.set('emotion', options.emotion);
  if (options.intensity) form.set('intensity', options.intensity);
  const bytes = await readFile(options.fixture ?? FIXTURES.en1Webm);
  form.set('file', new Blob([bytes], { type: 'audio/webm;codecs=opus' }), 'take.webm');
  const response = await fetch(`${baseUrl}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${speakerToken}` }, body: form });
  const body = (await response.json()) as TakeJson & { receipt: string };
  if (response.status !== 201 || body.state !== 'saved') throw new Error(`upload: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export async function speakerWithProfile(baseUrl: string, profile: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/v1/speakers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ consent: true, locale: 'en', ...profile }),
  });
  if (response.status !== 201) throw new Error(`speaker creation failed: ${response.status}`);
  return (await response.json()) as { speakerId: string; token: string };
}
