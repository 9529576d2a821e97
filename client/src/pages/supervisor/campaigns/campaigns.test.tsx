import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import type { SentenceJson } from '@emovox/server/protocol';
import { setLocale } from '../../../lib/i18n';
import type { Campaign, Coverage } from '../../../lib/campaigns/types';
import { takeJson } from '../../../test-support/take-json';
import { RedoDialog } from '../RedoRequest';
import { idsOfLines, toggleLevel } from './CampaignForm';
import { createCoverageFeed } from './coverage-feed';
import { cellLevel, coverageGrid } from './coverage-grid';
import { CoverageGrid } from './CoverageGrid';
import { upsertCampaign } from './index';
import { SpeakerProgressList } from './SpeakerProgressList';

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'c1', name: 'Spring', locale: 'en', code: 'ABC234', active: true, sentenceIds: ['s1', 's2'], emotions: ['joy', 'anger'],
  intensities: [null], takesPerCell: 2, sessionSize: 4, createdAt: '2026-11-29T10:00:00.000Z', progress: { cells: 4, done: 1, speakers: 2 }, listenBack: false, skips: [], ...over,
});
const coverage: Coverage = {
  cells: [
    { sentenceId: 's1', sentenceText: 'First.', emotion: 'joy', intensity: null, saved: 2 },
    { sentenceId: 's1', sentenceText: 'First.', emotion: 'anger', intensity: null, saved: 1 },
    { sentenceId: 's2', sentenceText: 'Second.', emotion: 'joy', intensity: null, saved: 0 },
    { sentenceId: 's2', sentenceText: 'Second.', emotion: 'anger', intensity: null, saved: 0 },
  ],
  speakers: [{ speakerId: 'aaaaaaaa-1111-4111-8111-111111111111', done: 3, total: 4, lastActivityAt: '2026-11-29T10:05:00.000Z' }],
};

describe('campaign coverage', () => {
  it('when the coverage is laid out, then rows follow the campaign sentences and columns its emotions, counting done cells', () => {
    const grid = coverageGrid(campaign(), coverage);
    expect(grid.columns).toEqual([{ emotion: 'joy', intensity: null }, { emotion: 'anger', intensity: null }]);
    expect(grid.rows.map((row) => [row.text, row.counts])).toEqual([['First.', [2, 1]], ['Second.', [0, 0]]]);
    expect(grid.done).toBe(1);
  });

  it('when intensities are planned, then each emotion has one column per intensity', () => {
    const grid = coverageGrid(campaign({ intensities: ['low', 'high'] }), { cells: [{ sentenceId: 's1', sentenceText: 'First.', emotion: 'anger', intensity: 'high', saved: 3 }], speakers: [] });
    expect(grid.columns).toHaveLength(4);
    expect(grid.rows[0]!.counts).toEqual([0, 0, 0, 3]);
  });

  it('when a cell reaches the target, then it has the darkest shade, and an empty cell none', () => {
    expect([cellLevel(0, 2), cellLevel(1, 2), cellLevel(2, 2), cellLevel(5, 2)]).toEqual([0, 2, 4, 4]);
  });

  it('when the grid renders, then it is a table with row and column headers and the numbers', () => {
    setLocale('en');
    render(() => <CoverageGrid campaign={campaign()} coverage={coverage} />);
    const table = screen.getByTestId('coverage-grid');
    expect(screen.getByRole('columnheader', { name: 'Joy' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'First.' })).toBeTruthy();
    const first = table.querySelector('tr[data-sentence="s1"]')!;
    expect([...first.querySelectorAll('td')].map((cell) => [cell.textContent, cell.getAttribute('data-level')])).toEqual([['2', '4'], ['1', '2']]);
  });

  it('when nobody has joined, then the speakers list says so; when one has, it shows done of total', () => {
    const [speakers, setSpeakers] = createSignal<Coverage['speakers']>([]);
    render(() => <SpeakerProgressList speakers={speakers()} />);
    expect(screen.getByText('Nobody has joined yet.')).toBeTruthy();
    setSpeakers(coverage.speakers);
    expect(screen.getByText('3 / 4')).toBeTruthy();
  });

  it('when changes arrive during a read, then they fold into one more read', async () => {
    let calls = 0;
    let release: (() => void) | null = null;
    const load = vi.fn(() => new Promise<Coverage>((resolve) => {
      calls += 1;
      release = () => resolve(coverage);
    }));
    const feed = createRoot(() => createCoverageFeed(() => 'c1', load));
    await waitFor(() => expect(calls).toBe(1));
    feed.changed();
    feed.changed();
    feed.changed();
    release!();
    await waitFor(() => expect(calls).toBe(2));
    release!();
    await waitFor(() => expect(feed.value()).toEqual(coverage));
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('campaign list and form', () => {
  it('when a campaign changes or is created, then the list stays newest first with one entry each', () => {
    const older = campaign({ id: 'a', createdAt: '2026-01-01T00:00:00.000Z' });
    const newer = campaign({ id: 'b', createdAt: '2026-06-01T00:00:00.000Z' });
    const list = upsertCampaign(upsertCampaign([older], newer), { ...older, active: false });
    expect(list.map((item) => [item.id, item.active])).toEqual([['b', true], ['a', false]]);
  });

  it('when "unspecified" intensity is chosen, then levels are cleared, and choosing a level clears "unspecified"', () => {
    expect(toggleLevel(['low', 'high'], null)).toEqual([null]);
    expect(toggleLevel([null], 'medium')).toEqual(['medium']);
    expect(toggleLevel(['low', 'medium'], 'low')).toEqual(['medium']);
  });

  it('when sentences are pasted, then known active ones are reused and only the missing ones are created', async () => {
    const known: SentenceJson[] = [
      { id: 'k1', text: 'Known.', locale: 'en', active: true },
      { id: 'k2', text: 'Inactive.', locale: 'en', active: false },
      { id: 'k3', text: 'Known.', locale: 'fr', active: true },
    ];
    const create = vi.fn((text: string) => Promise.resolve({ id: `new-${text}`, text, locale: 'en' as const, active: true }));
    expect(await idsOfLines(['Known.', 'Inactive.', 'Fresh.'], 'en', known, create)).toEqual(['k1', 'new-Inactive.', 'new-Fresh.']);
    expect(create).toHaveBeenCalledTimes(2);
  });
});

describe('redo request dialog', () => {
  it('when a reason and note are chosen, then the request carries them and the answer is handed back', async () => {
    const send = vi.fn((takeId: string) => Promise.resolve(takeJson(takeId, { review: 'rejected' })));
    const onSent = vi.fn();
    render(() => <RedoDialog takeId="t1" send={send} onSent={onSent} onCancel={() => {}} />);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Clipping' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Emotion unclear' }));
    fireEvent.input(screen.getByLabelText('Note for the speaker (optional)'), { target: { value: 'More anger' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the request' }));
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('t1', 'emotion_unclear', 'More anger');
    expect(onSent.mock.calls[0]![1]).toBe('emotion_unclear');
  });

  it('when a key is pressed inside the dialog, then the page behind does not see it, and Escape cancels', () => {
    const onCancel = vi.fn();
    const behind = vi.fn();
    window.addEventListener('keydown', behind);
    render(() => <RedoDialog takeId="t1" send={() => Promise.reject(new Error('unused'))} onSent={() => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByRole('radio', { name: 'Noise' }), { key: 'a' });
    fireEvent.keyDown(screen.getByRole('radio', { name: 'Noise' }), { key: 'Escape' });
    window.removeEventListener('keydown', behind);
    expect(behind).not.toHaveBeenCalled();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
