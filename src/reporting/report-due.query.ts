import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { keyOf } from '../kpi/kpi-key.ts';
import { readCells, readReports, readTargets, type Report } from '../kpi/kpi-source.query.ts';
import type { ValidRange } from '../indicators/indicator.ts';
import { formatPeriodVi, periodOf, previousPeriod, type PeriodType } from '../periods/period.ts';
import { dueIndicators } from './due-indicators.ts';
import { daysUntil, reportDeadline } from './report-deadline.ts';

/** "đã báo cáo" · "chưa đến hạn / còn hạn" · "quá hạn". */
export type DueStatus = 'reported' | 'due' | 'overdue';

export interface DueItem {
  indicator: string;
  name: string;
  nameEn: string;
  measure: string;
  measureEn: string | null;
  periodType: PeriodType;
  period: string;
  /** The period as Vietnamese documents write it: "Quý 4/2026", "Năm 2026". */
  periodLabel: string;
  deadline: string;
  /** Days from today to the deadline; negative once it has passed. */
  daysLeft: number;
  status: DueStatus;
  previous: { period: string; value: number | null };
  target: number | null;
  valid: ValidRange;
  /** The value in force from the unit's last report for this period, if any. */
  report: Report | null;
}

export interface ReportDue {
  unit: { code: string; name: string; nameEn: string; kind: string };
  month: string;
  today: string;
  items: DueItem[];
  reported: number;
}

/** What a unit must report for a month, by when, with last period's value and the target beside each indicator. */
export async function getReportDue(trx: Trx, ctx: KpiContext, unitCode: string, month: string): Promise<ReportDue | undefined> {
  const unit = ctx.units.get(unitCode);
  if (!unit) return undefined;
  const due = dueIndicators(ctx.catalogue, unit.kind, month);
  const periods = due.map((d) => d.period);
  const previous = due.map((d) => previousPeriod(d.period) ?? d.period);
  const [reports, cells, targets] = await Promise.all([
    readReports(trx, 'live', unitCode, [...new Set(periods)]),
    readCells(trx, 'live', { units: [unitCode], periods: [...new Set(previous)], indicators: due.map((d) => d.def.code) }),
    readTargets(trx, 'live', due.map((d) => d.def.code), [unitCode], [...new Set(periods)]),
  ]);
  const before = new Map(cells.map((c) => [keyOf(c.indicator, unitCode, c.period), c.value]));
  const today = periodOf('day', ctx.now());
  const items = due.map(({ def, period }, i): DueItem => {
    const report = reports.get(keyOf(def.code, unitCode, period)) ?? null;
    const deadline = reportDeadline(period);
    const daysLeft = daysUntil(deadline, today);
    const previousKey = previous[i] ?? period;
    return {
      indicator: def.code, name: def.name, nameEn: def.nameEn, measure: def.measure, measureEn: def.measureEn ?? null,
      periodType: def.periodType, period, periodLabel: formatPeriodVi(period), deadline, daysLeft,
      status: report ? 'reported' : daysLeft < 0 ? 'overdue' : 'due',
      previous: { period: previousKey, value: before.get(keyOf(def.code, unitCode, previousKey)) ?? null },
      target: targets.resolve(def, unitCode, period) ?? null, valid: def.valid ?? {}, report,
    };
  });
  return {
    unit: { code: unit.code, name: unit.name, nameEn: unit.nameEn, kind: unit.kind },
    month, today, items, reported: items.filter((i) => i.status === 'reported').length,
  };
}
