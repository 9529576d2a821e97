// The assignment rule (campaigns/assignment.ts) in memory, over many seeded runs and designs: speakers served
// in lockstep rounds (all ask, then all record) or one at a time, as the database path serves them. Seeded, so a
// run that passes passes every time; the database simulation (assignment-balance.test.ts) covers the SQL.
import { describe, expect, it } from 'vitest';
import { chooseCell } from '../../src/campaigns/assignment.js';
import type { Candidate, Competitor, Previous } from '../../src/db/campaign-prompt-repository.js';
import { EMOTIONS, type Emotion } from '../../src/protocol/index.js';
import { seeded } from '../support/seeded-random.js';


interface Design {
  sentences: number;
  emotions: number;
  intensities: number;
  speakers: number;
  size: number;
  lockstep: boolean;
}

function simulate(design: Design, seed: number) {
  const random = seeded(seed);
  const cells: Candidate[] = [];
  for (let s = 0; s < design.sentences; s += 1) {
    for (const emotion of EMOTIONS.slice(0, design.emotions)) {
      for (let i = 0; i < design.intensities; i += 1) cells.push({ cellId: `s${s}|${emotion}|${i}`, sentenceId: `s${s}`, emotion, intensity: null, saved: 0, offered: 0 });
    }
  }
  const byId = new Map(cells.map((c) => [c.cellId, c]));
  const had = Array.from({ length: design.speakers }, () => new Set<string>());
  const previous: Previous[] = Array<Previous>(design.speakers).fill(null);
  const sequences: Candidate[][] = Array.from({ length: design.speakers }, () => []);
  for (let round = 0; round < design.size; round += 1) {
    const order = [...Array(design.speakers).keys()].sort(() => random() - 0.5);
    const issued: Candidate[] = [];
    for (const k of order) {
      const competitors: Competitor[] = order.filter((j) => j !== k && had[j]!.size < design.size).map((j) => ({ previous: previous[j]!, had: had[j]! }));
      const candidates = cells.filter((c) => !had[k]!.has(c.cellId)).map((c) => ({ ...c }));
      const chosen = byId.get(chooseCell(candidates, previous[k]!, competitors, random)!.cellId)!;
      chosen.offered += 1;
      had[k]!.add(chosen.cellId);
      previous[k] = { sentenceId: chosen.sentenceId, emotion: chosen.emotion as Emotion };
      sequences[k]!.push(chosen);
      issued.push(chosen);
      if (!design.lockstep) record(chosen);
    }
    if (design.lockstep) issued.forEach(record);
  }
  return { counts: cells.map((c) => c.saved), sequences };
}

function record(cell: Candidate) {
  cell.offered -= 1;
  cell.saved += 1;
}

const DESIGNS: Design[] = [
  { sentences: 10, emotions: 6, intensities: 1, speakers: 50, size: 12, lockstep: true },
  { sentences: 10, emotions: 6, intensities: 1, speakers: 50, size: 6, lockstep: true },
  { sentences: 5, emotions: 6, intensities: 3, speakers: 50, size: 20, lockstep: true },
  { sentences: 7, emotions: 4, intensities: 2, speakers: 37, size: 7, lockstep: true },
  { sentences: 12, emotions: 6, intensities: 1, speakers: 50, size: 30, lockstep: true },
  { sentences: 10, emotions: 6, intensities: 1, speakers: 50, size: 12, lockstep: false },
  { sentences: 4, emotions: 6, intensities: 2, speakers: 30, size: 15, lockstep: false },
];
const SEEDS = 10;

describe('chooseCell over simulated campaigns', () => {
  it.each(DESIGNS)('when %o is recorded, then in every seeded run the counts per cell differ by at most 1 and no session breaks the rules', (design) => {
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const { counts, sequences } = simulate(design, seed);
      expect(Math.max(...counts) - Math.min(...counts), `seed ${seed}`).toBeLessThanOrEqual(1);
      for (const prompts of sequences) {
        expect(new Set(prompts.map((p) => p.cellId)).size).toBe(prompts.length);
        for (let i = 1; i < prompts.length; i += 1) {
          expect(prompts[i]!.emotion).not.toBe(prompts[i - 1]!.emotion);
          expect(prompts[i]!.sentenceId).not.toBe(prompts[i - 1]!.sentenceId);
        }
      }
    }
  });
});
