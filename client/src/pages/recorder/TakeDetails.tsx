import { createSignal, onCleanup } from 'solid-js';
import { t } from '../../lib/i18n';

/** The take ID and the raw receipt, behind a disclosure: needed to delete the take, not to record the next one. */
export function TakeDetails(props: { takeId: string; receipt: string }) {
  const [copied, setCopied] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async () => {
    await navigator.clipboard?.writeText(`${t('takeId')}${t('colon')}${props.takeId}\n${t('receipt')}${t('colon')}${props.receipt}`);
    setCopied(true);
    clearTimeout(timer);
    timer = setTimeout(() => setCopied(false), 2000);
  };
  return (
    <details class="details">
      <summary>{t('details')}</summary>
      <dl class="receipt">
        <dt>{t('takeId')}</dt>
        <dd>
          <code data-testid="take-id">{props.takeId}</code>
        </dd>
        <dt>{t('receipt')}</dt>
        <dd>
          <code data-testid="receipt">{props.receipt}</code>
        </dd>
      </dl>
      <button type="button" onClick={() => void copy()}>
        {copied() ? t('copied') : t('copy')}
      </button>
    </details>
  );
}
