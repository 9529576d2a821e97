import { lt } from '../../lib/i18n/listen';

/** 204 from /listen/next: nothing left for this listener now. */
export function EmptyState(props: { onCheckAgain: () => void }) {
  return (
    <section class="card listen-empty" aria-labelledby="listen-empty-title" data-testid="listen-empty">
      <h2 id="listen-empty-title" tabindex="-1">
        {lt('emptyTitle')}
      </h2>
      <p>{lt('emptyText')}</p>
      <div class="buttons">
        <button type="button" onClick={() => props.onCheckAgain()}>
          {lt('checkAgain')}
        </button>
        <a href="/">{lt('goRecord')}</a>
      </div>
    </section>
  );
}
