import type { UnitTree } from '../units/unit-tree.ts';
import type { ChangeMessage } from './change-bus.ts';

export interface StreamFilter {
  /** Units to follow; a unit also matches every unit beneath it (a province sees its communes). */
  units?: ReadonlySet<string>;
  indicators?: ReadonlySet<string>;
}

/** The part of a change a subscriber asked for, or undefined when nothing of it matches. */
export function filterChange(message: ChangeMessage, filter: StreamFilter, tree: UnitTree): ChangeMessage | undefined {
  const inUnits = (unit: string) => !filter.units || tree.lineage(unit).some((u) => filter.units?.has(u));
  const kpis = message.changes.kpis.filter((k) => inUnits(k.unit) && (!filter.indicators || filter.indicators.has(k.indicator)));
  const scores = message.changes.scores.filter((s) => inUnits(s.unit));
  const tasks = (message.changes.tasks ?? []).filter((t) => inUnits(t.leadUnit) || t.coordinators.some(inUnits));
  const digest = message.changes.digest;
  const digestUnits = digest ? digest.units.filter(inUnits) : [];
  if (kpis.length === 0 && scores.length === 0 && tasks.length === 0 && digestUnits.length === 0) return undefined;
  const batches = message.changes.batches ? { batches: message.changes.batches } : {};
  return { ...message, changes: digest ? { kpis, scores, tasks, ...batches, digest: { ...digest, units: digestUnits } } : { kpis, scores, tasks, ...batches } };
}
