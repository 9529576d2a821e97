import { createSignal, Show, type Accessor, type JSX, type Setter } from 'solid-js';
import type { Emotion, Intensity } from '@emovox/server/protocol';
import type { SentenceOrNone } from '../../../lib/api';
import { ApiError } from '../../../lib/api';
import { ct } from '../../../lib/i18n/campaign';
import type { RecordSocket } from '../../../lib/record-socket';
import { navigate } from '../../../router';
import { createGuidedSession } from './create-guided-session';
import { GuidedPanel } from './GuidedPanel';
import { JoinForm } from './JoinForm';
import { RedoBanner } from './RedoBanner';

export interface FreeChoice {
  sentence: Accessor<SentenceOrNone | undefined>;
  setSentence: Setter<SentenceOrNone | undefined>;
  emotion: Accessor<Emotion | null>;
  setEmotion: Setter<Emotion | null>;
  intensity: Accessor<Intensity | null>;
  setIntensity: Setter<Intensity | null>;
}

/**
 * The recorder page's hook into guided sessions: what to record (the prompt, or the speaker's own choice),
 * and the pieces of screen that belong to sessions. The recorder page keeps its free-recording code as it was.
 */
export function useGuidedSession(deps: { token: Accessor<string>; socket: Accessor<RecordSocket | null>; joinCode: string | null; free: FreeChoice; idle: Accessor<boolean> }) {
  const guided = createGuidedSession({ token: deps.token, socket: deps.socket, idle: deps.idle });
  const [joinError, setJoinError] = createSignal<string | null>(null);
  const on = () => guided.active();
  const prompt = guided.prompt;

  const join = async (code: string) => {
    await guided.join(code);
    setJoinError(null);
  };

  /** On mount, once the socket exists: a join link joins, else a remembered session continues. */
  function start(): void {
    guided.attach();
    const code = deps.joinCode;
    if (code) {
      void join(code)
        .catch((failure: unknown) => {
          setJoinError(failure instanceof ApiError && failure.status === 404 ? ct('joinNotFound') : ct('joinFailed', { message: String(failure) }));
        })
        .finally(() => navigate('/', { replace: true }));
    } else if (guided.campaignId()) {
      void guided.refresh(true).catch(() => undefined);
    }
  }

  return {
    on,
    start,
    sentence: (): SentenceOrNone | undefined => (on() ? (prompt()?.sentence ?? undefined) : deps.free.sentence()),
    emotion: (): Emotion | null => (on() ? (prompt()?.emotion ?? null) : deps.free.emotion()),
    intensity: (): Intensity | null => (on() ? (prompt()?.intensity ?? null) : deps.free.intensity()),
    promptId: (): string | null => (on() ? (prompt()?.promptId ?? null) : null),
    onSaved: () => guided.saved(prompt()?.promptId ?? null),
    advance: () => void guided.advance().catch(() => undefined),
    idleText: () => (on() && prompt() ? ct('statusIdleGuided') : undefined),
    listenBack: () => on() && (guided.session()?.listenBack ?? false),
    nextLabel: () => (on() ? (guided.session()?.listenBack ? ct('keepNext') : ct('nextPrompt')) : undefined),

    /** A redo request; `clear` puts the recorder back to idle (false when it cannot now). */
    banner: (busy: boolean, clear: () => boolean): JSX.Element => (
      <Show when={guided.redo()}>
        {(notice) => (
          <RedoBanner
            notice={notice()}
            busy={busy}
            onDismiss={guided.dismissRedo}
            onReRecord={() => {
              const take = notice().take;
              if (!take || !clear()) return;
              deps.free.setSentence({ id: take.sentenceId, text: take.sentenceText, locale: take.locale ?? 'en' });
              deps.free.setEmotion(take.emotion);
              deps.free.setIntensity(take.intensity);
              guided.dismissRedo();
            }}
          />
        )}
      </Show>
    ),
    panel: (busy: boolean, clear: () => boolean): JSX.Element => (
      <GuidedPanel
        guided={guided}
        locked={busy}
        onLeave={() => {
          clear();
          guided.leave();
        }}
      />
    ),
    joinForm: (): JSX.Element => (
      <>
        <Show when={guided.lost()}>
          <p class="hint" role="status">{ct('sessionLost')}</p>
        </Show>
        <Show when={joinError()}>{(message) => <p class="alert" role="alert">{message()}</p>}</Show>
        <JoinForm onJoin={join} open={joinError() !== null} />
      </>
    ),
  };
}
