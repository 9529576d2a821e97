import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { EMOTIONS, type Emotion, type Intensity } from '@emovox/server/protocol';
import { createSpeaker, deleteTakeWithToken, fetchRandomSentence, type ConsentAnswers, type SentenceOrNone } from '../../lib/api';
import { fetchMyTakes, forgetSpeaker } from '../../lib/speaker-api';
import { clearPendingTakes, makeChunkStore, type ChunkStore } from '../../lib/chunk-store';
import { locale, t } from '../../lib/i18n';
import { ct } from '../../lib/i18n/campaign';
import { browserCapabilityProblem } from '../../lib/microphone';
import { sayGoodbyeOnPageHide } from '../../lib/page-goodbye';
import { makeRecordSocket, type RecordSocket } from '../../lib/record-socket';
import { forgetSpeakerToken, loadSpeakerToken, saveSpeakerToken } from '../../lib/speaker-token';
import { onWindowKeys } from '../../lib/window-keys';
import { isBusy, pauseAction, spaceAction } from '../../state/recorder-machine';
import { ConsentView } from './ConsentView';
import { createTakeFlow } from './create-take-flow';
import { EmotionPicker } from './EmotionPicker';
import { ForgetMeDialog } from './ForgetMeDialog';
import { MyTakes } from './MyTakes';
import { LiveFeedback } from './LiveFeedback';
import { RecordControls } from './RecordControls';
import { ReadyCue } from './ReadyCue';
import { SentenceCard } from './SentenceCard';
import { StatusLine } from './StatusLine';
import { TakeLimit } from './TakeLimit';
import { TakeResult } from './TakeResult';
import { trackDockHeight } from './record-dock';
import { useGuidedSession } from './campaign/use-guided-session';
import './recorder.css';

export function RecorderPage(props: { onForgetRegister: (forget: (() => void) | null) => void; joinCode?: string | null }) {
  const [token, setToken] = createSignal<string | null>(loadSpeakerToken());
  const [consentBusy, setConsentBusy] = createSignal(false);
  const [consentError, setConsentError] = createSignal<string | null>(null);

  const agree = async (answers: ConsentAnswers) => {
    setConsentBusy(true);
    setConsentError(null);
    try {
      const speaker = await createSpeaker(answers);
      saveSpeakerToken(speaker.token);
      setToken(speaker.token);
    } catch (error) {
      setConsentError(t('errGeneric', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setConsentBusy(false);
    }
  };

  const [confirmingForget, setConfirmingForget] = createSignal(false);
  const [savedTakes, setSavedTakes] = createSignal(0);
  const forget = () => {
    forgetSpeakerToken();
    setToken(null);
    setConfirmingForget(false);
    // Audio this browser still kept for unfinished takes goes too.
    void makeChunkStore()
      .then((store) => clearPendingTakes(store).finally(() => store.close()))
      .catch(() => undefined);
  };
  // "Forget me" asks first; the dialog erases on the server, then forget() clears the browser.
  createEffect(() => props.onForgetRegister(token() ? () => setConfirmingForget(true) : null));
  onCleanup(() => props.onForgetRegister(null));

  const capability = browserCapabilityProblem();

  return (
    <Show when={token()} keyed fallback={<ConsentView busy={consentBusy()} error={consentError()} onAgree={(a) => void agree(a)} />}>
      {(current) => (
        <>
          <Show when={capability}>{(key) => <p class="alert" role="alert">{t(key())}</p>}</Show>
          <Studio
            token={current}
            joinCode={props.joinCode ?? null}
            onUnauthorized={() => {
              forget();
              setConsentError(t('errUnauthorized'));
            }}
            onSaved={() => setSavedTakes((n) => n + 1)}
          />
          <MyTakes load={() => fetchMyTakes(current)} remove={(takeId) => deleteTakeWithToken(takeId, current)} version={savedTakes()} />
          <Show when={confirmingForget()}>
            <ForgetMeDialog forget={(deleteTakes) => forgetSpeaker(current, deleteTakes)} onForgotten={forget} onCancel={() => setConfirmingForget(false)} />
          </Show>
        </>
      )}
    </Show>
  );
}

/** The recording screen for one speaker token. */
function Studio(props: { token: string; joinCode: string | null; onUnauthorized: () => void; onSaved: () => void }) {
  const [socket, setSocket] = createSignal<RecordSocket | null>(null);
  const [store, setStore] = createSignal<ChunkStore | null>(null);
  const [connectedOnce, setConnectedOnce] = createSignal(false);
  const [failedAttempts, setFailedAttempts] = createSignal(0);
  const [sentence, setSentence] = createSignal<SentenceOrNone | undefined>(undefined);
  const [recoveredText, setRecoveredText] = createSignal<string | null>(null);
  const [emotion, setEmotion] = createSignal<Emotion | null>(null);
  const [intensity, setIntensity] = createSignal<Intensity | null>(null);
  const [needEmotion, setNeedEmotion] = createSignal(false);
  const seen: string[] = [];

  // A guided session (campaign) supplies the sentence, emotion and intensity; free recording lets the speaker choose.
  const guided = useGuidedSession({ token: () => props.token, socket, joinCode: props.joinCode, free: { sentence, setSentence, emotion, setEmotion, intensity, setIntensity }, idle: () => flow.phase() === 'idle' });
  const flow = createTakeFlow({
    token: () => props.token,
    socket,
    store,
    socketUnreachable: () => !connectedOnce() && failedAttempts() >= 1,
    sentence: guided.sentence,
    emotion: guided.emotion,
    intensity: guided.intensity,
    promptId: guided.promptId,
  });
  const busy = () => isBusy(flow.phase());
  const live = () => flow.phase() === 'recording' || flow.phase() === 'paused';
  const micProblem = () => {
    const key = flow.problem()?.key;
    return key === 'errDenied' || key === 'errNoMic' || key === 'errMicBusy' ? key : null;
  };
  createEffect(on(flow.phase, (phase) => phase === 'saved' && (props.onSaved(), guided.onSaved()), { defer: true }));

  const loadSentence = async () => {
    setSentence(undefined);
    setRecoveredText(null);
    try {
      const next = await fetchRandomSentence(locale(), seen);
      if (next) seen.push(next.id);
      setSentence(next);
    } catch (error) {
      setSentence(null);
      flow.setProblem({ key: 'errGeneric', message: error instanceof Error ? error.message : String(error) });
    }
  };
  // A new language brings a sentence in it, but never under a take still shown: that one waits for Next.
  createEffect(on(locale, () => void (flow.phase() === 'idle' && !flow.finished() ? loadSentence() : undefined), { defer: true }));
  onMount(() => void loadSentence());

  onMount(() => {
    const live = makeRecordSocket(props.token);
    setSocket(live);
    const offs = [
      live.onConnect(() => setConnectedOnce(true)),
      live.onConnectError((message) => {
        if (message === 'UNAUTHORIZED') props.onUnauthorized();
      }),
      live.onReconnectAttempt(() => setFailedAttempts((n) => n + 1)),
      sayGoodbyeOnPageHide(live),
    ];
    guided.start();
    let opened: ChunkStore | null = null;
    let disposed = false;
    void makeChunkStore().then(async (chunkStore) => {
      if (disposed) return chunkStore.close();
      opened = chunkStore;
      setStore(chunkStore);
      const text = await flow.recoverLeftovers(live, chunkStore);
      if (text) setRecoveredText(text);
    });
    onCleanup(() => {
      disposed = true;
      for (const off of offs) off();
      live.close();
      opened?.close();
    });
  });

  const record = () => {
    if (!guided.emotion()) return void setNeedEmotion(true);
    setNeedEmotion(false);
    void flow.record();
  };
  const next = () => {
    if (!flow.next()) return;
    if (guided.on()) guided.advance();
    else void loadSentence();
  };

  // Space records and stops, P pauses, 1–6 choose the emotion. Text fields keep their keys.
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target?.closest('input[type="text"], input:not([type]), textarea, select, [contenteditable="true"]')) return;
    // A dialog (forget me, skip, a confirmation) keeps its keys: Space there ticks a box or presses a button,
    // and must never start a take behind it.
    if (target?.closest('[role="dialog"]')) return;
    if (event.code === 'Space' || event.key === ' ') {
      event.preventDefault();
      if (event.repeat) return;
      const action = spaceAction(flow.phase());
      if (action === 'record') record();
      else if (action === 'stop') void flow.stop();
    } else if (event.key === 'p' || event.key === 'P') {
      const action = pauseAction(flow.phase());
      if (action === 'pause') flow.pause();
      else if (action === 'resume') flow.resume();
    } else if (/^[1-6]$/.test(event.key) && !busy() && !guided.on()) {
      setEmotion(EMOTIONS[Number(event.key) - 1] as Emotion);
      setNeedEmotion(false);
    }
  };
  // A focused button would also "click" on Space's keyup; the keydown above already acted.
  const onKeyUp = (event: KeyboardEvent) => {
    if ((event.target as HTMLElement | null)?.closest('[role="dialog"]')) return;
    if ((event.code === 'Space' || event.key === ' ') && (event.target as HTMLElement | null)?.tagName === 'BUTTON') event.preventDefault();
  };
  onWindowKeys({ keydown: onKey, keyup: onKeyUp });

  return (
    <div class="studio">
      <h1 class="sr-only">{t('studioTitle')}</h1>
      <StatusLine phase={flow.phase()} progress={flow.progress()} recovered={recoveredText() !== null} micProblem={micProblem()} idleText={guided.idleText()} />
      <Show when={flow.problem()}>
        {(problem) => (
          <p class="alert" role="alert">
            {t(problem().key, { message: problem().message ?? '' })}
          </p>
        )}
      </Show>
      {guided.banner(busy(), () => flow.phase() === 'idle' || flow.next())}
      <Show when={!guided.on()} fallback={guided.panel(busy(), () => flow.phase() === 'idle' || flow.next())}>
      <SentenceCard sentence={sentence()} text={recoveredText()} locked={busy()} onAnother={() => (flow.phase() === 'idle' ? void loadSentence() : next())} />
      <ReadyCue cue={flow.cue()} />
      <EmotionPicker
        emotion={emotion()}
        intensity={intensity()}
        disabled={busy()}
        onEmotion={(value) => {
          setEmotion(value);
          setNeedEmotion(false);
        }}
        onIntensity={setIntensity}
      />
      <Show when={needEmotion()}>
        <p class="warn" role="alert">{t('chooseEmotionFirst')}</p>
      </Show>
      {guided.joinForm()}
      </Show>
      <Show when={flow.replacing() && !flow.finished()}>
        <p class="hint" role="status" data-testid="replacing">{t('replacingNotice')}</p>
      </Show>
      {/* On a phone the controls and the level meter are docked at the bottom of the screen (recorder.css). */}
      <div class="record-dock" data-testid="record-dock" ref={(dock) => onMount(() => trackDockHeight(dock))}>
        <RecordControls
          phase={flow.phase()}
          elapsedMs={flow.elapsedMs()}
          canRecord={!!sentence() && store() !== null}
          testingMic={flow.testingMic()}
          testUrl={flow.micTestUrl()}
          keysHint={guided.on() ? ct('guidedKeysHint') : undefined}
          onTestMic={() => void flow.toggleMicTest()}
          onRecord={record}
          onPause={flow.pause}
          onResume={flow.resume}
          onStop={() => void flow.stop()}
        />
        <Show when={flow.meter() || flow.localMode() || (flow.progress() && flow.phase() !== 'saved')}>
          <LiveFeedback meter={flow.meter()} progress={flow.progress()} localMode={flow.localMode()} recovered={flow.recovered()} />
        </Show>
      </div>
      <TakeLimit maxTakeSeconds={flow.maxTakeSeconds()} elapsedMs={flow.elapsedMs()} live={live()} autoStopped={flow.autoStopped()} />
      <Show when={flow.finished()}>
        {(result) => (
          <TakeResult
            result={result()}
            token={props.token}
            saved={flow.phase() === 'saved'}
            busy={busy()}
            onRedo={() => void flow.redo()}
            onNext={next}
            listenBack={guided.listenBack()}
            nextLabel={guided.nextLabel()}
          />
        )}
      </Show>
    </div>
  );
}
