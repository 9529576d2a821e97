import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import type { Session } from '@emovox/server/protocol';
import { setLocale } from '../../../lib/i18n';
import { campaignOf } from './CampaignProgress';
import { SessionCard } from './SessionCard';
import type { SessionView } from './board';

const view: SessionView = { speakerId: 'aaaaaaaa-1111-4111-8111-111111111111', link: 'connected', locale: 'en', take: null, lastTake: null };
const session = (campaign: Session['campaign']): Session =>
  ({ speakerId: view.speakerId, connected: true, locale: 'en', lastSeenAt: new Date().toISOString(), currentTake: null, campaign }) as Session;

describe("a speaker's campaign progress on the monitor", () => {
  it('when the session names a campaign, then the card shows its name, done of total and a progress bar', () => {
    setLocale('en');
    const campaign = campaignOf(session({ id: 'c1', name: 'Spring study', done: 7, total: 30 }));
    render(() => <SessionCard view={view} sentenceText={() => null} campaign={campaign} />);
    expect(screen.getByTestId('session-campaign').textContent).toContain('Spring study: 7 of 30');
    const bar = screen.getByRole('progressbar') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([7, 30]);
  });

  it('when the speaker records freely, then the card has no campaign line', () => {
    render(() => <SessionCard view={view} sentenceText={() => null} campaign={campaignOf(session(null))} />);
    expect(screen.queryByTestId('session-campaign')).toBeNull();
  });
});
