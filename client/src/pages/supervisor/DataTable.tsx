import { For, type JSX } from 'solid-js';

export interface Column<T> {
  header: string;
  cell: (row: T) => JSX.Element;
}

/** The supervisor pages' table: a card that scrolls sideways, one header row, one row per item. */
export function DataTable<T>(props: {
  class: string;
  testId?: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** Attributes of an item's row (data-*, classList). */
  rowAttrs?: (row: T) => JSX.HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
}) {
  return (
    <div class="card table-scroll">
      <table class={props.class} data-testid={props.testId}>
        <thead>
          <tr>
            <For each={props.columns}>{(column) => <th scope="col">{column.header}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr {...(props.rowAttrs?.(row) ?? {})}>
                <For each={props.columns}>{(column) => <td>{column.cell(row)}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
