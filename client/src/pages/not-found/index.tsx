import { t } from '../../lib/i18n';

/** Any address the router does not know: a page with a heading, not a bare "404". */
export function NotFoundPage() {
  return (
    <section class="card not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <p>
        <a href="/">{t('backToRecording')}</a>
      </p>
    </section>
  );
}
