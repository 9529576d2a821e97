import { For, Show } from 'solid-js';
import { cst } from '../../../lib/i18n/campaigns';
import type { SpeakerProgress } from '../../../lib/campaigns/types';
import { formatDateTime, shortId } from '../format';

/** Each speaker who joined: prompts done out of their session. */
export function SpeakerProgressList(props: { speakers: SpeakerProgress[] }) {
  return (
    <section class="card campaign-speakers" aria-labelledby="speakers-title">
      <h2 id="speakers-title">{cst('speakersTitle')}</h2>
      <Show when={props.speakers.length > 0} fallback={<p class="muted">{cst('speakersEmpty')}</p>}>
        <div class="table-scroll">
          <table data-testid="speaker-progress">
            <thead>
              <tr>
                <th scope="col">{cst('speaker')}</th>
                <th scope="col">{cst('speakerDone')}</th>
                <th scope="col">{cst('lastActivity')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.speakers}>
                {(speaker) => (
                  <tr data-speaker={speaker.speakerId}>
                    <th scope="row">
                      <code title={speaker.speakerId}>{shortId(speaker.speakerId)}</code>
                    </th>
                    <td>
                      <span class="speaker-done">
                        {speaker.done} / {speaker.total}
                      </span>{' '}
                      <progress max={Math.max(1, speaker.total)} value={speaker.done} aria-label={`${shortId(speaker.speakerId)} ${speaker.done} / ${speaker.total}`} />
                    </td>
                    <td>{speaker.lastActivityAt ? formatDateTime(speaker.lastActivityAt) : '–'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
