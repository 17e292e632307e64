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
  /** 1 once an event batch's events are in the derived tables; 0 between its two transactions (decision 0014). */
  folded: ColumnType<number, number | undefined, number>;
  /** The last event rowid before this batch's events, so they are found by rowid (event batches only). */
  events_after: number | null;
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
  /** 0: not ranked (coverage below `RANKED_FROM_COVERAGE`, decision 0028). */
  rank: number;
  /** Units ranked in the peer group. */
  peers: number;
  /** Share (0–1) of the index weight the unit reported; the score is over that share only. */
  coverage: number;
  indicators_reported: number;
  indicators_expected: number;
  updated_at: string;
}

/** The change feed behind the SSE stream; `seq` is the event id clients resume from. */
export interface ChangeTable {
  seq: Generated<number>;
  at: string;
  payload: string;
}

/** A directive ("văn bản chỉ đạo"), e.g. Thông báo 4/TB-VPCP; it holds tasks. */
export interface DirectiveTable {
  id: Generated<number>;
  number: string;
  type: string;
  issued_on: string;
  issuer: string;
  title: string;
  file_hash: string | null;
  file_name: string | null;
  created_at: string;
}

/**
 * A task under "6 rõ": rõ người (responsible_*), rõ việc (title), rõ trách nhiệm (lead_unit + coordinators),
 * rõ thời gian (deadline), rõ sản phẩm (deliverable), rõ thẩm quyền (approver).
 */
export interface TaskTable {
  id: Generated<number>;
  directive_id: number;
  parent_id: number | null;
  title: string;
  description: string | null;
  lead_unit: string;
  responsible_name: string;
  responsible_position: string;
  responsible_contact: string;
  /** Last day allowed (YYYY-MM-DD); a month or quarter deadline is stored as its last day. */
  deadline: string;
  /** The deadline as the directive wrote it ("trong tháng 01/2026", "Quý 1/2026"). */
  deadline_text: string;
  deliverable: string;
  approver: string;
  /** 0–100: the lead's last report, or the mean of its sub-tasks. */
  progress: number;
  /** none → submitted (deliverable sent) → accepted; a rejection returns to none. */
  completion: 'none' | 'submitted' | 'accepted';
  /** The day the accepted deliverable was submitted. */
  completed_on: string | null;
  /** Computed status, refreshed on every change and at each midnight (Vietnam time). */
  status: string;
  due_soon: number;
  created_at: string;
  updated_at: string;
}

export interface TaskCoordinatorTable {
  task_id: number;
  unit_code: string;
}

/** Everything that happened to a task: creation, edits, progress reports, completion, acceptance, status changes. */
export interface TaskEventTable {
  id: Generated<number>;
  task_id: number;
  at: string;
  actor: string;
  kind: string;
  progress: number | null;
  note: string | null;
  data: string;
}

/** Evidence files, stored once by content hash (SHA-256). */
export interface EvidenceFileTable {
  hash: string;
  size: number;
  mime: string;
  data: Buffer;
  created_at: string;
}

export interface TaskEvidenceTable {
  id: Generated<number>;
  task_id: number;
  task_event_id: number;
  file_name: string | null;
  hash: string | null;
  link: string | null;
}

/** An account: a person with a role, scoped to a unit for editors and viewers. */
export interface UserTable {
  id: Generated<number>;
  /** Lower-case login name. */
  username: string;
  display_name: string;
  role: string;
  unit_code: string | null;
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  password_hash: string;
  must_change_password: number;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A login session; the cookie holds a random token, the table only its SHA-256. */
export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
}

/** A source system's token, bound to units and event types; stored only as a SHA-256 of a 256-bit secret. */
export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  /** First characters of the token, to recognise it in lists. */
  prefix: string;
  /** JSON arrays. */
  units: string;
  event_types: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** One write, chained to the one before by hash: `hash = sha256(prev_hash + canonical record)`. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  actor_kind: string;
  ip: string | null;
  action: string;
  /** JSON array of the unit codes touched. */
  units: string;
  target: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditUnitTable {
  seq: number;
  unit_code: string;
}

/** A published report period ("kỳ báo cáo đã công bố"): its scores are frozen in `published_scores`. */
export interface PublishedPeriodTable {
  period: string;
  published_at: string;
  published_by: string;
  note: string | null;
}

/** A change to a published score, with its reason ("đính chính"). */
export interface ScoreCorrectionTable {
  id: Generated<number>;
  period: string;
  unit_code: string;
  before: string | null;
  after: string | null;
  reason: string;
  corrected_by: string;
  corrected_at: string;
}

/**
 * A KPI value as published (decision 0024): copied from `kpi_values`, its last report and its target when a month
 * of its period is published. The public reads these rows only; the reporting account is not kept, its unit is.
 */
export interface PublishedKpiValueTable {
  indicator_code: string;
  unit_code: string;
  period: string;
  /** The published month this row comes from: a quarter's or a year's row is replaced when a later month of it is published. */
  publication: string;
  value: number | null;
  origin: 'reported' | 'derived';
  as_of: string | null;
  /** The target set for the cell or its year when published; the catalogue's default applies when null. */
  target: number | null;
  report_value: number | null;
  report_source: string | null;
  report_evidence: string | null;
  reported_at: string | null;
  /** The unit of the account that sent the last report (the cell's own unit for central accounts and systems). */
  reporter_unit: string | null;
}

/** A change to a published KPI value, with its reason ("đính chính"). */
export interface KpiCorrectionTable {
  id: Generated<number>;
  publication: string;
  indicator_code: string;
  unit_code: string;
  period: string;
  before: string | null;
  after: string | null;
  reason: string;
  corrected_by: string;
  corrected_at: string;
}

export interface Database {
  directives: DirectiveTable;
  tasks: TaskTable;
  task_coordinators: TaskCoordinatorTable;
  task_events: TaskEventTable;
  evidence_files: EvidenceFileTable;
  task_evidence: TaskEvidenceTable;
  units: UnitTable;
  unit_history: UnitHistoryTable;
  pillars: PillarTable;
  indicators: IndicatorTable;
  targets: TargetTable;
  batches: BatchTable;
  events: EventTable;
  reported_values: ReportedValueTable;
  event_distinct: EventDistinctTable;
  kpi_values: KpiValueTable;
  scores: ScoreTable;
  changes: ChangeTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_units: AuditUnitTable;
  published_periods: PublishedPeriodTable;
  published_scores: ScoreTable;
  score_corrections: ScoreCorrectionTable;
  published_kpi_values: PublishedKpiValueTable;
  kpi_corrections: KpiCorrectionTable;
}

export type UnitRow = Selectable<UnitTable>;
export type InsertableUnitRow = Insertable<UnitTable>;
export type KpiValueRow = Selectable<KpiValueTable>;
export type ScoreRow = Selectable<ScoreTable>;
export type PublishedKpiValueRow = Selectable<PublishedKpiValueTable>;
export type EventRow = Selectable<EventTable>;
export type ReportedValueRow = Selectable<ReportedValueTable>;
export type Timestamp = ColumnType<string, string, string>;
export type TaskRow = Selectable<TaskTable>;
export type DirectiveRow = Selectable<DirectiveTable>;
export type UserRow = Selectable<UserTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
