import type { Catalogue } from '../indicators/catalogue.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { periodsAs } from '../kpi/kpi-key.ts';
import type { UnitKind } from '../store/schema.ts';

/** A reported indicator a unit owes, and the period it owes it for. */
export interface DueIndicator {
  def: IndicatorDefinition;
  period: string;
}

/**
 * What a unit of this kind reports for a month (decision 0030): each indicator the unit reports by hand (`kind:
 * reported`, not written by the system) for the period of its own type that holds the month — the month itself,
 * its quarter or its year — in the catalogue's order.
 */
export function dueIndicators(catalogue: Catalogue, kind: UnitKind, month: string): DueIndicator[] {
  return catalogue.definition.indicators
    .filter((def) => def.kind === 'reported' && !def.computedBy && def.appliesTo.includes(kind))
    .flatMap((def) => {
      const period = periodsAs(month, def.periodType)[0];
      return period === undefined ? [] : [{ def, period }];
    });
}
