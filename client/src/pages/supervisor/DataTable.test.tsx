import { render, screen, within } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { DataTable } from './DataTable';

describe('supervisor data table', () => {
  it('when given columns and rows, then it renders one header cell per column and one row per item, with the row attributes', () => {
    const rows = [
      { id: 'a', name: 'Ada', off: false },
      { id: 'b', name: 'Bob', off: true },
    ];
    render(() => (
      <DataTable
        class="people"
        testId="people"
        rows={rows}
        rowAttrs={(row) => ({ 'data-id': row.id, classList: { inactive: row.off } })}
        columns={[
          { header: 'Name', cell: (row) => row.name },
          { header: 'Action', cell: (row) => <button type="button">{`Edit ${row.name}`}</button> },
        ]}
      />
    ));
    const table = screen.getByTestId('people');
    expect(table.classList.contains('people')).toBe(true);
    expect(table.parentElement?.className).toBe('card table-scroll');
    expect(within(table).getAllByRole('columnheader').map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Name', 'col'],
      ['Action', 'col'],
    ]);
    const body = table.querySelectorAll('tbody tr');
    expect([...body].map((tr) => [tr.getAttribute('data-id'), tr.classList.contains('inactive'), tr.textContent])).toEqual([
      ['a', false, 'AdaEdit Ada'],
      ['b', true, 'BobEdit Bob'],
    ]);
  });
});
