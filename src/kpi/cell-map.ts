/** One indicator's numbers in one period, by unit. */
export interface CellColumn {
  readonly indicator: string;
  readonly period: string;
  readonly byUnit: Map<string, number>;
}

/**
 * Numbers by KPI cell, nested by indicator, then period, then unit: a cell is found with three lookups and no key
 * string built for it, which matters when a fold touches ~80,000 cells and asks for each of them twice.
 */
export class CellMap {
  private readonly byIndicator = new Map<string, Map<string, CellColumn>>();

  get(indicator: string, unit: string, period: string): number | undefined {
    return this.byIndicator.get(indicator)?.get(period)?.byUnit.get(unit);
  }

  add(indicator: string, unit: string, period: string, n: number): void {
    const byUnit = this.column(indicator, period).byUnit;
    byUnit.set(unit, (byUnit.get(unit) ?? 0) + n);
  }

  /** One indicator's cells in one period (created empty on first use). */
  column(indicator: string, period: string): CellColumn {
    let byPeriod = this.byIndicator.get(indicator);
    if (!byPeriod) this.byIndicator.set(indicator, (byPeriod = new Map()));
    let column = byPeriod.get(period);
    if (!column) byPeriod.set(period, (column = { indicator, period, byUnit: new Map() }));
    return column;
  }

  *columns(): Generator<CellColumn> {
    for (const byPeriod of this.byIndicator.values()) yield* byPeriod.values();
  }
}
