import type { Core } from '../core.ts';
import type { ValuePreview } from '../ingest/submit.ts';
import { formatPeriodVi } from '../periods/period.ts';

/** A dry run's answer, for the person about to confirm: each value with its unit, indicator and period named. */
export function describePreview(core: Pick<Core, 'ctx'>, values: readonly ValuePreview[]) {
  const { units, catalogue } = core.ctx;
  return {
    dryRun: true as const,
    values: values.map((v) => {
      const def = catalogue.get(v.indicator);
      return {
        ...(v.sheet !== undefined && { sheet: v.sheet }), line: v.line,
        ...(v.column !== undefined && { column: v.column }), ...(v.field !== undefined && { field: v.field }),
        unit: v.unit, unitName: units.get(v.unit)?.name ?? v.unit, indicator: v.indicator, indicatorName: def?.name ?? v.indicator,
        measure: def?.measure ?? '', period: v.period, periodLabel: formatPeriodVi(v.period), value: v.value,
        source: v.source ?? null, evidence: v.evidence ?? null,
      };
    }),
    units: new Set(values.map((v) => v.unit)).size,
    indicators: new Set(values.map((v) => v.indicator)).size,
    periods: [...new Set(values.map((v) => v.period))].sort(),
  };
}
