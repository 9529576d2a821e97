import { createSignal, Match, Show, Switch } from 'solid-js';
import { ct } from '../../../lib/i18n/campaign';
import type { GuidedSession } from './create-guided-session';
import { PromptCard } from './PromptCard';
import { SessionSummary } from './SessionSummary';
import { SkipDialog } from './SkipDialog';
import './campaign.css';

/** The guided session in place of the free sentence and emotion pickers: the prompt, skip, and the end. */
export function GuidedPanel(props: { guided: GuidedSession; locked: boolean; onLeave: () => void }) {
  const [skipping, setSkipping] = createSignal(false);
  // Focus goes back to the prompt's Skip button (the next prompt's, after a skip), not to the page's top.
  const closeSkip = () => {
    setSkipping(false);
    queueMicrotask(() => document.querySelector<HTMLButtonElement>('[data-testid="skip-button"]')?.focus());
  };
  return (
    <>
      <Switch fallback={<p class="card muted" role="status">{ct('loadingSession')}</p>}>
        <Match when={props.guided.finished() && props.guided.session()}>
          {(session) => <SessionSummary session={session()} onLeave={props.onLeave} />}
        </Match>
        <Match when={props.guided.session() && props.guided.prompt()}>
          {(prompt) => (
            <PromptCard
              session={props.guided.session()!}
              prompt={prompt()}
              locked={props.locked}
              onSkip={() => setSkipping(true)}
              onLeave={props.onLeave}
            />
          )}
        </Match>
      </Switch>
      <Show when={skipping()}>
        <SkipDialog skip={props.guided.skip} onDone={closeSkip} onCancel={closeSkip} />
      </Show>
    </>
  );
}
