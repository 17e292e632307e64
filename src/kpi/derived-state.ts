import type { ScoreTable } from '../store/schema.ts';
import type { BulkWrites } from '../store/bulk-writes.ts';
import type { Trx } from './kpi-context.ts';

/** One KPI cell as propagation sees it. */
export interface Cell {
  value: number | null;
  reported: number | null;
  derived: number | null;
  as_of: string | null;
}

/** A period's cells: indicator → unit → cell. */
export type PeriodCells = Map<string, Map<string, Cell>>;

/** A month's scores: unit → its row. */
export type MonthScores = Map<string, ScoreTable>;

/**
 * The derived tables (`kpi_values`, `scores`) of the periods in play, held in memory so that propagation and
 * rescoring read no rows: a period is loaded whole on first use, then kept current by the same code that writes
 * the tables, inside the same transaction.
 *
 * It is a cache of the database, never the other way round. It is dropped whole when a transaction that may have
 * changed it rolls back, when a write changes the derived tables behind propagation's back (`nhipso recompute`, a
 * catalogue change), and when another connection — a CLI next to the server — committed anything since this one
 * last looked (`PRAGMA data_version`).
 */
export class DerivedState {
  private readonly cells = new Map<string, PeriodCells>();
  private readonly scores = new Map<string, MonthScores>();
  private seenVersion: number | undefined;
  private clears = 0;
  private checkedIn: Trx | undefined;

  constructor(private readonly bulk: Pick<BulkWrites, 'dataVersion'>) {}

  /** The cells of a period (loaded on first use). Callers change them only for rows they also write. */
  async periodCells(trx: Trx, period: string): Promise<PeriodCells> {
    this.dropIfChangedElsewhere(trx);
    const known = this.cells.get(period);
    if (known) return known;
    const rows = await trx
      .selectFrom('kpi_values')
      .select(['indicator_code', 'unit_code', 'value', 'reported', 'derived', 'as_of'])
      .where('period', '=', period)
      .execute();
    const loaded: PeriodCells = new Map();
    for (const r of rows) {
      let byUnit = loaded.get(r.indicator_code);
      if (!byUnit) loaded.set(r.indicator_code, (byUnit = new Map()));
      byUnit.set(r.unit_code, { value: r.value, reported: r.reported, derived: r.derived, as_of: r.as_of });
    }
    this.cells.set(period, loaded);
    return loaded;
  }

  /** The scores of a month (loaded on first use). */
  async monthScores(trx: Trx, month: string): Promise<MonthScores> {
    this.dropIfChangedElsewhere(trx);
    const known = this.scores.get(month);
    if (known) return known;
    const rows = await trx.selectFrom('scores').selectAll().where('period', '=', month).execute();
    const loaded: MonthScores = new Map(rows.map((r) => [r.unit_code, r]));
    this.scores.set(month, loaded);
    return loaded;
  }

  /**
   * A number that changes whenever the state is dropped (after first dropping it if another connection committed):
   * a change worked out in memory outside a transaction is written only if it has not changed meanwhile.
   */
  generation(trx: Trx): number {
    this.dropIfChangedElsewhere(trx);
    return this.clears;
  }

  /** Forgets everything; the next use reloads from the database. */
  clear(): void {
    this.clears++;
    this.cells.clear();
    this.scores.clear();
  }

  /** Periods and months held, for tests and diagnostics. */
  get size(): { periods: number; months: number } {
    return { periods: this.cells.size, months: this.scores.size };
  }

  /** Asked once per transaction: nobody else can commit while this connection holds one. */
  private dropIfChangedElsewhere(trx: Trx): void {
    if (trx === this.checkedIn && trx.isTransaction) return;
    this.checkedIn = trx;
    const version = this.bulk.dataVersion();
    if (version !== this.seenVersion) {
      this.clear();
      this.seenVersion = version;
    }
  }
}

export const cellOf = (cells: PeriodCells, indicator: string, unit: string): Cell | undefined => cells.get(indicator)?.get(unit);

export function putCell(cells: PeriodCells, indicator: string, unit: string, cell: Cell): void {
  let byUnit = cells.get(indicator);
  if (!byUnit) cells.set(indicator, (byUnit = new Map()));
  byUnit.set(unit, cell);
}
