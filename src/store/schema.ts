import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Unit kinds: "Quốc gia", bộ/cơ quan ngang bộ, tỉnh/thành phố, xã/phường/đặc khu. */
export type UnitKind = 'nation' | 'ministry' | 'province' | 'commune';

export interface UnitTable {
  code: string;
  kind: UnitKind;
  /** Finer type: ward, commune, special-zone, city, province, ministerial-agency, state-enterprise… */
  subkind: string;
  name: string;
  name_en: string;
  full_name: string;
  full_name_en: string;
  parent_code: string | null;
  /** Folded names (no diacritics, lower case) for search. */
  search_text: string;
  valid_from: string;
  /** Null while the unit exists; set when it is merged away or dissolved. */
  valid_to: string | null;
  successor_code: string | null;
}

/** Earlier names and parents of a unit, kept when it is renamed or moved. */
export interface UnitHistoryTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  parent_code: string | null;
  valid_from: string;
  valid_to: string;
  note: string;
}

export interface PillarTable {
  code: string;
  name: string;
  name_en: string;
  weight: number;
  sort: number;
}

export interface IndicatorTable {
  code: string;
  kind: 'reported' | 'event' | 'formula';
  pillar: string;
  /** The whole definition as JSON (IndicatorDefinition). */
  definition: string;
  updated_at: string;
}

export interface TargetTable {
  indicator_code: string;
  unit_code: string;
  period: string;
  value: number;
  updated_at: string;
}

export interface BatchTable {
  id: Generated<number>;
  kind: 'events' | 'values' | 'import' | 'targets';
  actor: string;
  source: string | null;
  received_at: string;
  row_count: number;
}

/** Raw events, kept whole: the source of truth `recompute` rebuilds from. */
export interface EventTable {
  id: string;
  type: string;
  unit_code: string;
  time: string;
  attributes: string;
  batch_id: number;
}

/** Every reported value ever received; the newest per (indicator, unit, period) is in force. */
export interface ReportedValueTable {
  id: Generated<number>;
  indicator_code: string;
  unit_code: string;
  period: string;
  value: number;
  source: string | null;
  evidence: string | null;
  reported_at: string;
  batch_id: number;
}

/** Running totals of event indicators (count, sum) per unit and ancestor, kept by delta upserts. */
export interface EventTotalTable {
  indicator_code: string;
  unit_code: string;
  period: string;
  total: number;
}

/** Keys already counted by distinct-count event indicators, per unit and ancestor. */
export interface EventDistinctTable {
  indicator_code: string;
  unit_code: string;
  period: string;
  key: string;
}

/** The current value of every indicator at every unit and period. */
export interface KpiValueTable {
  indicator_code: string;
  unit_code: string;
  period: string;
  /** The value in force: the unit's own report if any, otherwise the roll-up or the computed value. */
  value: number | null;
  reported: number | null;
  derived: number | null;
  /** Newest report or event time behind the value. */
  as_of: string | null;
  updated_at: string;
}

export interface ScoreTable {
  unit_code: string;
  /** Scoring periods are months (`YYYY-MM`). */
  period: string;
  peer_group: string;
  score: number;
  /** JSON: { [pillar]: score 0–100 } */
  pillars: string;
  band: string;
  rank: number;
  peers: number;
  updated_at: string;
}

/** The change feed behind the SSE stream; `seq` is the event id clients resume from. */
export interface ChangeTable {
  seq: Generated<number>;
  at: string;
  payload: string;
}

export interface Database {
  units: UnitTable;
  unit_history: UnitHistoryTable;
  pillars: PillarTable;
  indicators: IndicatorTable;
  targets: TargetTable;
  batches: BatchTable;
  events: EventTable;
  reported_values: ReportedValueTable;
  event_totals: EventTotalTable;
  event_distinct: EventDistinctTable;
  kpi_values: KpiValueTable;
  scores: ScoreTable;
  changes: ChangeTable;
}

export type UnitRow = Selectable<UnitTable>;
export type InsertableUnitRow = Insertable<UnitTable>;
export type KpiValueRow = Selectable<KpiValueTable>;
export type ScoreRow = Selectable<ScoreTable>;
export type EventRow = Selectable<EventTable>;
export type ReportedValueRow = Selectable<ReportedValueTable>;
export type Timestamp = ColumnType<string, string, string>;
