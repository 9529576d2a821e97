// The assignment rule on its own (campaigns/assignment.ts): the tie-breakers and the fallbacks of designs
// that leave no change of emotion or sentence.
import { describe, expect, it } from 'vitest';
import { chooseCell } from '../../src/campaigns/assignment.js';
import type { Candidate } from '../../src/db/campaign-prompt-repository.js';
import type { Emotion } from '../../src/protocol/index.js';

const cell = (sentenceId: string, emotion: Emotion, saved = 0, offered = 0): Candidate => ({
  cellId: `${sentenceId}-${emotion}`,
  sentenceId,
  emotion,
  intensity: null,
  saved,
  offered,
});
const repeat = (times: number, pick: () => Candidate | null) => new Set(Array.from({ length: times }, () => pick()?.cellId));

describe('chooseCell', () => {
  it('when cells differ in counted takes, then the least recorded one comes first', () => {
    const cells = [cell('s1', 'joy', 3), cell('s2', 'fear', 1), cell('s3', 'anger', 2)];
    expect(repeat(20, () => chooseCell(cells, null))).toEqual(new Set(['s2-fear']));
  });

  it('when a cell is being recorded by someone else, then it counts as one more, so simultaneous speakers spread', () => {
    const cells = [cell('s1', 'joy', 0, 1), cell('s2', 'fear', 0, 0)];
    expect(repeat(20, () => chooseCell(cells, null))).toEqual(new Set(['s2-fear']));
  });

  it('when the least recorded cell repeats the previous emotion or sentence, then another cell comes, even a more recorded one', () => {
    const cells = [cell('s1', 'joy', 0), cell('s2', 'joy', 0), cell('s1', 'fear', 0), cell('s2', 'fear', 5)];
    expect(repeat(20, () => chooseCell(cells, { sentenceId: 's1', emotion: 'joy' }))).toEqual(new Set(['s2-fear']));
  });

  it('when the design has one emotion, then the sentence still changes; with one sentence and one emotion left, that cell comes', () => {
    const oneEmotion = [cell('s1', 'joy', 0), cell('s2', 'joy', 3)];
    expect(chooseCell(oneEmotion, { sentenceId: 's1', emotion: 'joy' })?.cellId).toBe('s2-joy');
    expect(chooseCell([cell('s1', 'joy', 0)], { sentenceId: 's1', emotion: 'joy' })?.cellId).toBe('s1-joy');
    expect(chooseCell([], null)).toBeNull();
  });

  it('when the least recorded cells crowd in one emotion, then that emotion goes first, so later speakers can still change emotion', () => {
    const cells = [cell('s1', 'joy', 0), cell('s2', 'joy', 0), cell('s3', 'joy', 0), cell('s4', 'fear', 0)];
    expect(repeat(20, () => chooseCell(cells, null)).has('s4-fear')).toBe(false);
  });
});
