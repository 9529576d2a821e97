import { fireEvent, render, screen } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../lib/i18n';
import { EmotionPicker } from './EmotionPicker';
import { SentenceCard } from './SentenceCard';
import { StatusLine } from './StatusLine';
import { adviceKeys } from './TakeResult';

const progress = { takeId: 't', receipt: 'r', captured: 9, sent: 7, acked: 5, unacked: 4, connected: false, serverState: 'recording' as const, error: null };

describe('recorder views', () => {
  it('when the locale is English, then the six emotion radios carry the contract names', () => {
    setLocale('en');
    render(() => <EmotionPicker emotion={null} intensity={null} disabled={false} onEmotion={() => {}} onIntensity={() => {}} />);
    for (const name of ['Joy', 'Sadness', 'Anger', 'Disgust', 'Fear', 'Neutral']) {
      expect(screen.getByRole('radio', { name })).toBeTruthy();
    }
  });

  it('when the locale is French, then the emotions read Joie … Neutre', () => {
    setLocale('fr');
    render(() => <EmotionPicker emotion="anger" intensity={null} disabled={false} onEmotion={() => {}} onIntensity={() => {}} />);
    for (const name of ['Joie', 'Tristesse', 'Colère', 'Dégoût', 'Peur', 'Neutre']) {
      expect(screen.getByRole('radio', { name })).toBeTruthy();
    }
    expect((screen.getByRole('radio', { name: 'Colère' }) as HTMLInputElement).checked).toBe(true);
    setLocale('en');
  });

  it('when an emotion is clicked, then its key is reported', () => {
    const onEmotion = vi.fn();
    render(() => <EmotionPicker emotion={null} intensity={null} disabled={false} onEmotion={onEmotion} onIntensity={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Disgust' }));
    expect(onEmotion).toHaveBeenCalledWith('disgust');
  });

  it('when no sentence exists in the language, then a helpful empty state is shown', () => {
    render(() => <SentenceCard sentence={null} locked={false} onAnother={() => {}} />);
    expect(screen.getByText(/no sentence to record/i)).toBeTruthy();
  });

  it('when recording, then "Another sentence" is disabled', () => {
    render(() => <SentenceCard sentence={{ id: '1', text: 'Hello there.', locale: 'en' }} locked={true} onAnother={() => {}} />);
    expect(screen.getByText('Hello there.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Another sentence' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('when the connection is lost during a take, then the status says reconnecting with the unconfirmed count', () => {
    render(() => <StatusLine phase="recording" progress={progress} recovered={false} />);
    expect(screen.getByRole('status').textContent).toMatch(/reconnecting.*4 chunks/i);
  });

  it('when the take is saved, then the status says so', () => {
    render(() => <StatusLine phase="saved" progress={{ ...progress, connected: true }} recovered={false} />);
    expect(screen.getByRole('status').textContent).toBe('Saved');
  });

  it('when quality flags come back, then each becomes a piece of advice', () => {
    expect(adviceKeys([])).toEqual(['adviceGood']);
    expect(adviceKeys(['clipped', 'too_quiet'])).toEqual(['advice_clipped', 'advice_too_quiet']);
  });
});
