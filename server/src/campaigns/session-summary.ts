// A speaker's session read off their prompts: what is done, its size, and which prompt comes next.
import type { PromptRow } from '../db/campaign-prompt-repository.js';

export interface SessionSummary {
  done: number;
  total: number;
  /** Prompts kept (not skipped): they fill the session up to its size. */
  kept: number;
  /** The prompt to record now: a redo first (the latest redo first), then the oldest prompt still open. */
  next: PromptRow | null;
}

export function summarise(prompts: PromptRow[], freshCells: number, sessionSize: number): SessionSummary {
  // A prompt whose sentence was deactivated can no longer be recorded: unless done, it is set aside like a skip.
  const kept = prompts.filter((prompt) => prompt.skippedAt === null && (prompt.done || prompt.sentenceActive));
  const open = kept.filter((prompt) => !prompt.done);
  open.sort((a, b) => (b.redoAt?.getTime() ?? -Infinity) - (a.redoAt?.getTime() ?? -Infinity) || a.seq - b.seq);
  return {
    done: kept.filter((prompt) => prompt.done).length,
    total: Math.min(sessionSize, kept.length + freshCells),
    kept: kept.length,
    next: open[0] ?? null,
  };
}
