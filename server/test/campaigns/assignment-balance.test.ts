// Counterbalanced assignment over real PostgreSQL: many simulated speakers follow their sessions through the
// campaign use cases and repositories (the path the routes take), recording every prompt. Takes are written
// as rows (admitted through the take repository, then marked saved in SQL): audio plays no part in assignment.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignAdmin } from '../../src/campaigns/campaign-admin.js';
import { createCampaignSessions } from '../../src/campaigns/campaign-sessions.js';
import { campaignPromptRepository } from '../../src/db/campaign-prompt-repository.js';
import { campaignRepository } from '../../src/db/campaign-repository.js';
import { takeRepository } from '../../src/db/take-repository.js';
import type { Campaign, Prompt } from '../../src/protocol/index.js';
import { createSpeaker } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.databaseUrl, max: 8 });
});
afterAll(async () => {
  await pool?.end();
  await server?.dispose();
});

function services() {
  const campaigns = campaignRepository(pool);
  const prompts = campaignPromptRepository(pool);
  const ignoreChanges = () => undefined; // no sockets here: progress announcements are tested elsewhere
  return { admin: createCampaignAdmin({ campaigns, changed: ignoreChanges }), sessions: createCampaignSessions({ campaigns, prompts, changed: ignoreChanges }) };
}

/** A saved take through the prompt, as the finalizer would leave it. */
async function record(speakerId: string, prompt: Prompt): Promise<void> {
  const admission = await takeRepository(pool).admit(
    {
      speakerId,
      sentenceId: prompt.sentence.id,
      sentenceText: prompt.sentence.text,
      locale: prompt.sentence.locale,
      clientTakeId: null,
      emotion: prompt.emotion,
      intensity: prompt.intensity,
      mimeType: 'audio/webm',
      audioSettings: null,
      state: 'recording',
      replaces: null,
      promptId: prompt.promptId,
    },
    { maxActiveTakes: 1_000, takesPerMinute: 1_000_000 },
  );
  if (admission.kind !== 'inserted') throw new Error(admission.kind);
  await pool.query("UPDATE takes SET state = 'saved', saved_at = now() WHERE id = $1", [admission.take.id]);
}

const cellKey = (p: { sentence: { id: string }; emotion: string; intensity: string | null }) => `${p.sentence.id}|${p.emotion}|${p.intensity}`;

/** Speakers one after another, each recording a whole session before the next one joins. */
async function simulateOneByOne(campaign: Campaign, speakerCount: number) {
  const { sessions } = services();
  const sequences = new Map<string, Prompt[]>();
  for (let i = 0; i < speakerCount; i += 1) {
    const { speakerId } = await createSpeaker(server.url);
    const prompts: Prompt[] = [];
    sequences.set(speakerId, prompts);
    let current = await sessions.join({ id: speakerId }, campaign.code);
    while (current.next) {
      prompts.push(current.next);
      await record(speakerId, current.next);
      current = await sessions.session(campaign.id, { id: speakerId });
    }
  }
  return sequences;
}

/**
 * Speakers join, then in every round all of them ask for their next prompt at once and record it at once,
 * until every session is complete. Returns each speaker's prompts in order, and the campaign at the end.
 */
async function simulate(campaign: Campaign, speakerCount: number) {
  const { sessions } = services();
  const speakers = await Promise.all(Array.from({ length: speakerCount }, () => createSpeaker(server.url)));
  const sequences = new Map<string, Prompt[]>(speakers.map((s) => [s.speakerId, []]));
  await Promise.all(speakers.map((s) => sessions.join({ id: s.speakerId }, campaign.code)));
  for (let round = 0; round < campaign.sessionSize + 1; round += 1) {
    const nexts = await Promise.all(speakers.map(async (s) => ({ s, session: await sessions.session(campaign.id, { id: s.speakerId }) })));
    const open = nexts.filter(({ session }) => session.next !== null);
    if (open.length === 0) break;
    await Promise.all(
      open.map(async ({ s, session }) => {
        sequences.get(s.speakerId)!.push(session.next!);
        await record(s.speakerId, session.next!);
      }),
    );
  }
  const finals = await Promise.all(speakers.map((s) => sessions.session(campaign.id, { id: s.speakerId })));
  return { sequences, finals, campaign: (await services().admin.get(campaign.id))! };
}

function countsPerCell(sequences: Map<string, Prompt[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const prompts of sequences.values()) for (const p of prompts) counts.set(cellKey(p), (counts.get(cellKey(p)) ?? 0) + 1);
  return counts;
}

function checkSequences(sequences: Map<string, Prompt[]>, sessionSize: number) {
  for (const prompts of sequences.values()) {
    expect(prompts).toHaveLength(sessionSize);
    expect(new Set(prompts.map(cellKey)).size).toBe(prompts.length); // never the same cell twice
    for (let i = 1; i < prompts.length; i += 1) {
      expect(prompts[i]!.emotion).not.toBe(prompts[i - 1]!.emotion);
      expect(prompts[i]!.sentence.id).not.toBe(prompts[i - 1]!.sentence.id);
    }
  }
}

async function sentenceIds(count: number): Promise<string[]> {
  const result = await pool.query("SELECT id FROM sentences WHERE locale = 'en' AND active ORDER BY created_at, id LIMIT $1", [count]);
  return result.rows.map((row) => row.id as string);
}

// Each simulation sends 600–1,000 takes through the real use cases and PostgreSQL: about 20 s alone, close to a
// minute beside the browser tests in CI. The tests check the balance, not the speed, so they get room to finish.
describe('counterbalanced assignment', { timeout: 240_000 }, () => {
  it('when 50 speakers record sessions of 12 over 10 sentences × 6 emotions, then every cell holds 10 takes, never a cell twice per speaker nor an emotion or sentence back to back', async () => {
    const campaign = await services().admin.create({ name: 'Balance 60', locale: 'en', sentenceIds: await sentenceIds(10), sessionSize: 12 });
    const { sequences, finals, campaign: after } = await simulate(campaign, 50);
    checkSequences(sequences, 12);
    expect(finals.every((s) => s.done === 12 && s.total === 12 && s.next === null)).toBe(true);
    const counts = countsPerCell(sequences);
    expect(counts.size).toBe(60);
    const values = [...counts.values()];
    console.log(balanceTable('50 speakers × 12 prompts, 10 sentences × 6 emotions (60 cells)', counts, campaign));
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    expect(after.progress).toEqual({ cells: 60, done: 60, speakers: 50 });
  });

  it('when 50 speakers record sessions of 20 over 5 sentences × 6 emotions × 3 intensities, then the counts per cell differ by at most 1', async () => {
    const campaign = await services().admin.create({ name: 'Balance 90', locale: 'en', sentenceIds: await sentenceIds(5), intensities: ['low', 'medium', 'high'], sessionSize: 20, takesPerCell: 12 });
    const { sequences, campaign: after } = await simulate(campaign, 50);
    checkSequences(sequences, 20);
    const counts = countsPerCell(sequences);
    expect(counts.size).toBe(90);
    const values = [...counts.values()];
    console.log(balanceTable('50 speakers × 20 prompts, 5 sentences × 6 emotions × 3 intensities (90 cells)', counts, campaign));
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    // 1000 takes over 90 cells: 10 cells hold 12 (= takesPerCell) and 80 hold 11.
    expect(after.progress.done).toBe(values.filter((v) => v >= 12).length);
    expect(after.progress.done).toBe(10);
  });

  it('when 50 speakers come one after another with sessions of 6 over 10 sentences × 6 emotions, then every cell holds 5 takes', async () => {
    const campaign = await services().admin.create({ name: 'Balance one by one', locale: 'en', sentenceIds: await sentenceIds(10), sessionSize: 6 });
    const sequences = await simulateOneByOne(campaign, 50);
    checkSequences(sequences, 6);
    const counts = countsPerCell(sequences);
    console.log(balanceTable('50 speakers one after another × 6 prompts, 10 sentences × 6 emotions (60 cells)', counts, campaign));
    expect([...counts.values()]).toEqual(Array(60).fill(5));
  });
});

/** Sentences as rows, emotions as columns (intensities summed per emotion when there are several), then a histogram. */
function balanceTable(title: string, counts: Map<string, number>, campaign: Campaign): string {
  const lines = [title, `sentence | ${campaign.emotions.map((e) => e.padStart(7)).join(' ')}`];
  campaign.sentenceIds.forEach((sentenceId, index) => {
    const row = campaign.emotions.map((emotion) => {
      const cells = campaign.intensities.map((intensity) => counts.get(`${sentenceId}|${emotion}|${intensity}`) ?? 0);
      return cells.join('/').padStart(7);
    });
    lines.push(`s${String(index + 1).padStart(2, '0')}      | ${row.join(' ')}`);
  });
  const histogram = new Map<number, number>();
  for (const value of counts.values()) histogram.set(value, (histogram.get(value) ?? 0) + 1);
  lines.push(`takes per cell: ${[...histogram.entries()].sort((x, y) => x[0] - y[0]).map(([takes, cells]) => `${cells} cells × ${takes}`).join(', ')}`);
  return lines.join('\n');
}
