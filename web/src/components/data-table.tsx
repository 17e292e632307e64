import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import type { Held } from '../live-hold.ts';
import { LiveHoldBar } from './live-hold-bar.tsx';

export interface Column<T> {
  key: string;
  label: ComponentChildren;
  render: (row: T) => ComponentChildren;
  /** Makes the column sortable; null values always go last. */
  sort?: (row: T) => number | string | null | undefined;
  /** The first sort of a numeric column is highest first. */
  numeric?: boolean;
  /** Hidden on narrow screens to keep the table readable on a phone. */
  wide?: boolean;
  /** The column's name beside each value when a phone shows rows as cards (defaults to `label` when it is text). */
  short?: string;
}

export interface SortState { key: string; dir: 'asc' | 'desc' }

interface Props<T> {
  caption: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  sort?: SortState;
  onSort?: (next: SortState) => void;
  initialSort?: SortState;
  empty?: string;
  rowProps?: (row: T) => Record<string, string>;
  /** Live rows held while the reader pauses or works in the table (useHeld): shows the pause and the waiting changes. */
  live?: Held<unknown>;
}

/**
 * A table that sorts by any sortable column and is read well by screen readers. On a phone each row is a card: the
 * first column on a line of its own, then every other value after its column's name, none clipped (phone.css).
 */
export function DataTable<T>({ caption, rows, columns, rowKey, sort, onSort, initialSort, empty, rowProps, live }: Props<T>) {
  const [own, setOwn] = useState<SortState | undefined>(initialSort);
  const active = sort ?? own;
  const change = (next: SortState) => (onSort ? onSort(next) : setOwn(next));
  const column = columns.find((c) => c.key === active?.key);
  const sorted = column?.sort && active ? sortRows(rows, column.sort, active.dir) : rows;

  return (
    <>
    {live && <LiveHoldBar held={live} />}
    <div class="table-wrap data-table" role="region" aria-label={caption} tabIndex={0} {...live?.bind}>
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const isActive = active?.key === c.key;
              const ariaSort = isActive ? (active?.dir === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th key={c.key} scope="col" class={`${c.numeric ? 'n' : ''}${c.wide ? ' wide' : ''}`} aria-sort={ariaSort}>
                  {c.sort ? (
                    <button
                      type="button"
                      class="sort"
                      onClick={() => change({ key: c.key, dir: isActive ? (active?.dir === 'asc' ? 'desc' : 'asc') : c.numeric ? 'desc' : 'asc' })}
                    >
                      {c.label}
                      <span class="sort-mark" aria-hidden="true">{isActive ? (active?.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
                    </button>
                  ) : c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr><td colSpan={columns.length} class="muted">{empty ?? t('noData')}</td></tr>
          )}
          {sorted.map((row) => (
            <tr key={rowKey(row)} {...(rowProps?.(row) ?? {})}>
              {columns.map((c, i) => (i === 0
                ? <th key={c.key} scope="row" class={`${c.numeric ? 'n' : ''}${c.wide ? ' wide' : ''}`}>{c.render(row)}</th>
                : <td key={c.key} class={`${c.numeric ? 'n' : ''}${c.wide ? ' wide' : ''}`} data-label={c.short ?? (typeof c.label === 'string' ? c.label : undefined)}>{c.render(row)}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}

function sortRows<T>(rows: readonly T[], by: (row: T) => number | string | null | undefined, dir: 'asc' | 'desc'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y), 'vi');
  });
}
