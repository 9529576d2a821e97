import { lt } from '../../lib/i18n/listen';

/** The page's keyboard map, on screen (listen-keys.ts is the one source of what each key does). */
export function KeyHelp(props: { intensityKeys: string[] }) {
  return (
    <details class="card key-help" data-testid="key-help" open>
      <summary>{lt('keysTitle')}</summary>
      <ul>
        <li>{lt('keysEmotion')}</li>
        <li>{lt('keysIntensity', { keys: props.intensityKeys.join(' ') })}</li>
        <li>{lt('keysReplay')}</li>
        <li>{lt('keysSubmit')}</li>
      </ul>
    </details>
  );
}
