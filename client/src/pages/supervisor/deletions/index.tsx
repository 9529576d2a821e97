import { createResource, Show } from 'solid-js';
import type { DeletionJson } from '@emovox/server/protocol';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { DataTable } from '../DataTable';
import { formatDateTime, formatNumber } from '../format';

/** The deletion audit: take ID, time and reason, newest first. It holds no personal data by design. */
export function DeletionsPage() {
  const [deletions, { refetch }] = createResource(() => supervisorApi.deletions());
  const count = (reason: DeletionJson['reason']) => (deletions() ?? []).filter((row) => row.reason === reason).length;

  return (
    <div class="deletions-page">
      <div class="page-head">
        <h1>{st('deletionsTitle')}</h1>
        <button type="button" onClick={() => void refetch()}>
          {st('refresh')}
        </button>
      </div>
      <p class="muted">{st('deletionsHint')}</p>
      <Show when={deletions()} fallback={<p class="muted">{st('loading')}</p>}>
        {(rows) => (
          <Show
            when={rows().length > 0}
            fallback={
              <div class="card empty-board" data-testid="deletions-empty">
                <p class="empty-title">{st('deletionsEmpty')}</p>
                <p class="muted">{st('deletionsEmptyHint')}</p>
              </div>
            }
          >
            <dl class="counters-grid" data-testid="deletion-counts">
              <div>
                <dt>{st('deletionsTotal')}</dt>
                <dd>{formatNumber(rows().length)}</dd>
              </div>
              <div>
                <dt>{st('deletionsBySpeakers')}</dt>
                <dd>{formatNumber(count('speaker_request'))}</dd>
              </div>
              <div>
                <dt>{st('deletionsBySupervisors')}</dt>
                <dd>{formatNumber(count('supervisor'))}</dd>
              </div>
            </dl>
            <DataTable
              class="deletions"
              testId="deletions"
              rows={rows()}
              rowAttrs={(row) => ({ 'data-take': row.takeId, 'data-reason': row.reason })}
              columns={[
                { header: st('take'), cell: (row) => <code>{row.takeId}</code> },
                { header: st('deletedAt'), cell: (row) => <time datetime={row.deletedAt}>{formatDateTime(row.deletedAt)}</time> },
                { header: st('reason'), cell: (row) => <span class={`reason reason-${row.reason}`}>{st(`reason_${row.reason}`)}</span> },
              ]}
            />
          </Show>
        )}
      </Show>
    </div>
  );
}
