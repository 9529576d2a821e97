import { createSignal, Show } from 'solid-js';
import { createSpeaker, type ConsentAnswers } from '../../lib/api';
import { t } from '../../lib/i18n';
import { lt } from '../../lib/i18n/listen';
import { forgetSpeakerToken, loadSpeakerToken, saveSpeakerToken } from '../../lib/speaker-token';
import { ConsentView } from '../recorder/ConsentView';
import { Listener } from './Listener';
import './listen.css';

/** /listen: a listener is anyone with a speaker token; without one, the recorder's consent comes first. */
export default function ListenPage() {
  const [token, setToken] = createSignal<string | null>(loadSpeakerToken());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const agree = async (answers: ConsentAnswers) => {
    setBusy(true);
    setError(null);
    try {
      const speaker = await createSpeaker(answers);
      saveSpeakerToken(speaker.token);
      setToken(speaker.token);
    } catch (failure) {
      setError(t('errGeneric', { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show
      when={token()}
      keyed
      fallback={
        <>
          <p class="card listen-consent-note">{lt('consentNote')}</p>
          <ConsentView busy={busy()} error={error()} onAgree={(answers) => void agree(answers)} />
        </>
      }
    >
      {(current) => (
        <Listener
          token={current}
          onUnauthorized={() => {
            forgetSpeakerToken();
            setToken(null);
            setError(t('errUnauthorized'));
          }}
        />
      )}
    </Show>
  );
}
