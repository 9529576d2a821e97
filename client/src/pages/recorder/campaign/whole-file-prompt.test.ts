import { afterEach, describe, expect, it, vi } from 'vitest';
import { takeJson } from '../../../test-support/take-json';
import { WholeFileTake } from '../whole-file-take';

// The whole-file path (no socket) must name the prompt too, or a guided take would land outside its session.
describe('a guided take uploaded whole', () => {
  afterEach(() => vi.restoreAllMocks());

  it('when the take belongs to a prompt, then POST /takes carries promptId beside the prompt labels', async () => {
    const sent: FormData[] = [];
    // A fake server answering POST /takes: it keeps the form it was sent.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      sent.push(init?.body as FormData);
      return new Response(JSON.stringify({ ...takeJson('t1'), receipt: 'r' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    });
    const take = new WholeFileTake({ clientTakeId: 'c1', mimeType: 'audio/webm', audioSettings: null, replacesTakeId: undefined, promptId: 'prompt-7' });
    take.addChunk(new Blob(['abc']));
    await take.upload({ sentenceId: 's1', emotion: 'anger', intensity: 'high' }, 'token');
    expect(sent[0]!.get('promptId')).toBe('prompt-7');
    expect([sent[0]!.get('sentenceId'), sent[0]!.get('emotion'), sent[0]!.get('intensity')]).toEqual(['s1', 'anger', 'high']);
  });

  it('when the take is free, then POST /takes has no promptId', async () => {
    const sent: FormData[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      sent.push(init?.body as FormData);
      return new Response(JSON.stringify({ ...takeJson('t1'), receipt: 'r' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    });
    const take = new WholeFileTake({ clientTakeId: 'c2', mimeType: 'audio/webm', audioSettings: null, replacesTakeId: undefined });
    take.addChunk(new Blob(['abc']));
    await take.upload({ sentenceId: 's1', emotion: 'joy', intensity: null }, 'token');
    expect(sent[0]!.has('promptId')).toBe(false);
  });
});
