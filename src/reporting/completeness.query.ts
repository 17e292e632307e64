import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { periodsAs } from '../kpi/kpi-key.ts';
import { NATION_CODE, type TreeUnit } from '../units/unit-tree.ts';
import { dueIndicators } from './due-indicators.ts';

/** How much of what a set of units owes for a period has been reported. */
export interface Tally {
  /** Units that owe at least one value. */
  units: number;
  /** Units that have reported every value they owe. */
  unitsComplete: number;
  /** Values owed, one per unit and indicator. */
  expected: number;
  reported: number;
}

export interface ProvinceCompleteness {
  unit: { code: string; name: string; nameEn: string };
  /** The province's own report. */
  own: Tally;
  /** Its communes' reports. */
  communes: Tally;
}

export interface ReportingCompleteness {
  month: string;
  /** Every reporting unit: ministries, provinces and communes (the Nation's figures are the central bodies' own). */
  national: Tally;
  provinces: ProvinceCompleteness[];
}

/** "Tỷ lệ báo cáo đầy đủ": per province (itself and its communes) and nationally, for the periods a month owes. */
export async function getReportingCompleteness(trx: Trx, ctx: KpiContext, month: string): Promise<ReportingCompleteness> {
  const reported = await reportedCells(trx, ctx, month);
  const tallyOf = (units: readonly TreeUnit[]) => tally(ctx, units, month, reported);
  const all = [...ctx.units.all()].filter((u) => u.code !== NATION_CODE);
  const provinces = all.filter((u) => u.kind === 'province').map((p): ProvinceCompleteness => ({
    unit: { code: p.code, name: p.name, nameEn: p.nameEn },
    own: tallyOf([p]),
    communes: tallyOf(ctx.units.children(p.code).flatMap((c) => ctx.units.get(c) ?? [])),
  }));
  return { month, national: tallyOf(all), provinces };
}

/** What each of a list of units owes for the month and has reported: a province's communes, or one unit's own. */
export async function unitsCompleteness(trx: Trx, ctx: KpiContext, month: string, units: readonly TreeUnit[]): Promise<{ unit: TreeUnit; tally: Tally }[]> {
  if (units.length === 0) return [];
  const reported = await reportedCells(trx, ctx, month, units.map((u) => u.code));
  return units.map((unit) => ({ unit, tally: tally(ctx, [unit], month, reported) }));
}

/**
 * `indicator|unit` of every value reported for the period each indicator owes for this month, by the units named
 * (a province and its communes, one unit) or by every unit.
 */
async function reportedCells(trx: Trx, ctx: KpiContext, month: string, units?: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const owed = ctx.catalogue.definition.indicators.filter((d) => d.kind === 'reported' && !d.computedBy);
  for (const def of owed) {
    const period = periodsAs(month, def.periodType)[0];
    if (period === undefined) continue;
    let query = trx.selectFrom('kpi_values').select('unit_code')
      .where('indicator_code', '=', def.code).where('period', '=', period).where('reported', 'is not', null);
    if (units) query = query.where('unit_code', 'in', units);
    const rows = await query.execute();
    for (const r of rows) out.add(`${def.code}|${r.unit_code}`);
  }
  return out;
}

function tally(ctx: KpiContext, units: readonly TreeUnit[], month: string, reported: Set<string>): Tally {
  const out: Tally = { units: 0, unitsComplete: 0, expected: 0, reported: 0 };
  const dueByKind = new Map<string, string[]>();
  for (const unit of units) {
    let due = dueByKind.get(unit.kind);
    if (!due) dueByKind.set(unit.kind, (due = dueIndicators(ctx.catalogue, unit.kind, month).map((d) => d.def.code)));
    if (due.length === 0) continue;
    const done = due.filter((code) => reported.has(`${code}|${unit.code}`)).length;
    out.units += 1;
    out.expected += due.length;
    out.reported += done;
    if (done === due.length) out.unitsComplete += 1;
  }
  return out;
}
