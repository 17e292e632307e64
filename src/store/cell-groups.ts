import { chunked } from './chunked.ts';

export interface CellRef {
  indicator: string;
  unit: string;
  period: string;
}

/**
 * Cells grouped by indicator and period, their units in chunks: one indexed query per chunk reads a whole batch's
 * cells, however they are spread.
 */
export function* unitChunksByIndicatorPeriod(cells: Iterable<CellRef>, size = 400): Generator<{ indicator: string; period: string; units: string[] }> {
  const groups = new Map<string, { indicator: string; period: string; units: Set<string> }>();
  for (const c of cells) {
    const key = `${c.indicator}|${c.period}`;
    const group = groups.get(key) ?? { indicator: c.indicator, period: c.period, units: new Set<string>() };
    groups.set(key, group);
    group.units.add(c.unit);
  }
  for (const { indicator, period, units } of groups.values()) {
    for (const chunk of chunked([...units], size)) yield { indicator, period, units: chunk };
  }
}
