// Campaign test helpers: REST calls as a supervisor or a speaker, and a take recorded through a prompt.
import { readFile } from 'node:fs/promises';
import type { Campaign, CampaignSession, Prompt, TakeJson } from '../../src/protocol/index.js';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, nextStatus, splitIntoChunks, type RecordSocket } from '../support/speaker-client.js';
import { request, requestJson } from '../supervisors/helpers.js';

export async function createCampaign(baseUrl: string, token: string, body: Record<string, unknown>): Promise<Campaign> {
  return requestJson<Campaign>(baseUrl, '/campaigns', { method: 'POST', token, body }, 201);
}

export async function join(baseUrl: string, token: string, code: string): Promise<CampaignSession> {
  return requestJson<CampaignSession>(baseUrl, '/campaigns/join', { method: 'POST', token, body: { code } });
}

export async function session(baseUrl: string, token: string, campaignId: string): Promise<CampaignSession> {
  return requestJson<CampaignSession>(baseUrl, `/campaigns/${campaignId}/session`, { token });
}

export async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

export { request, requestJson };

/** The prompt's labels as take:start carries them. */
export const labels = (prompt: Prompt) => ({ sentenceId: prompt.sentence.id, emotion: prompt.emotion, intensity: prompt.intensity });

/** Streams a real recording as the take of a prompt, on the given socket, and waits until it is saved. */
export async function recordPrompt(socket: RecordSocket, prompt: Prompt): Promise<string> {
  const start = await call<{ takeId: string }>(socket, 'take:start', {
    ...labels(prompt),
    promptId: prompt.promptId,
    mimeType: 'audio/webm;codecs=opus',
  });
  if (!start.ok) throw new Error(`take:start: ${start.error.code} ${start.error.message}`);
  const chunks = splitIntoChunks(await readFile(FIXTURES.en1Webm));
  for (const [seq, data] of chunks.entries()) await call(socket, 'take:chunk', { takeId: start.takeId, seq, data });
  const saved = nextStatus(socket, (status) => status.takeId === start.takeId && status.state === 'saved');
  await call(socket, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 });
  await saved;
  return start.takeId;
}

export async function recordPromptOnce(baseUrl: string, token: string, prompt: Prompt): Promise<string> {
  const socket = await connectRecorder(baseUrl, token);
  try {
    return await recordPrompt(socket, prompt);
  } finally {
    socket.close();
  }
}

/** A saved take of the prompt through POST /takes (the whole-file path), optionally re-recording an earlier take. */
export async function uploadThroughPrompt(baseUrl: string, token: string, prompt: Prompt, replacesTakeId: string | null = null): Promise<TakeJson> {
  const form = new FormData();
  form.set('sentenceId', prompt.sentence.id);
  form.set('emotion', prompt.emotion);
  form.set('promptId', prompt.promptId);
  if (replacesTakeId) form.set('replacesTakeId', replacesTakeId);
  form.set('file', new Blob([await readFile(FIXTURES.en1Webm)], { type: 'audio/webm;codecs=opus' }), 'take.webm');
  const response = await fetch(`${baseUrl}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (response.status !== 201) throw new Error(`POST /takes: ${response.status} ${await response.text()}`);
  return (await response.json()) as TakeJson;
}
