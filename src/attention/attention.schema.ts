import Type, { type Static, type TSchema } from 'typebox';

/** `GET /api/attention`: what needs a unit's attention ("Cần chú ý") in a month. */
export const AttentionQuery = Type.Object({
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Mã đơn vị; mặc định: toàn quốc (VN)' })),
  period: Type.Optional(Type.String({
    pattern: '^\\d{4}-\\d{2}$',
    description: 'Tháng YYYY-MM. Mặc định: tháng hiện tại khi đã đăng nhập, tháng công bố gần nhất với công chúng',
  })),
});
export type AttentionQuery = Static<typeof AttentionQuery>;

const Band = Type.Union([Type.Literal('tot'), Type.Literal('kha'), Type.Literal('trung_binh'), Type.Literal('yeu')]);
const UnitName = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });

/** A unit beneath (or, nationally, a province or ministry) that fell a band or several ranks since the month before. */
export const UnitDrop = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), kind: Type.String() }),
  score: Type.Number(),
  previousScore: Type.Number(),
  band: Band,
  previousBand: Band,
  rank: Type.Integer(),
  previousRank: Type.Integer(),
  peers: Type.Integer(),
  /** Whether the unit fell to a lower band ("tụt hạng xếp loại"). */
  bandDropped: Type.Boolean(),
  ranksLost: Type.Integer(),
});
export type UnitDrop = Static<typeof UnitDrop>;

const TaskRef = {
  id: Type.Integer(), title: Type.String(), deadline: Type.String({ description: 'YYYY-MM-DD' }), deadlineText: Type.String(),
  progress: Type.Number(), leadUnit: UnitName,
};
export const OverdueTask = Type.Object({ ...TaskRef, daysOverdue: Type.Integer({ minimum: 0 }) });
export const DueSoonTask = Type.Object({ ...TaskRef, daysLeft: Type.Integer({ minimum: 0 }) });
export type OverdueTask = Static<typeof OverdueTask>;
export type DueSoonTask = Static<typeof DueSoonTask>;

/** One of the unit's indicators below its target, furthest first. */
export const Shortfall = Type.Object({
  indicator: Type.String(), name: Type.String(), nameEn: Type.String(), measure: Type.String(), period: Type.String(),
  value: Type.Number(), target: Type.Number(), achievement: Type.Number({ description: 'Mức đạt kế hoạch, %' }), band: Band,
});
export type Shortfall = Static<typeof Shortfall>;

/** How much of what is owed for the month was reported: by the units beneath (or nationally), or the unit itself. */
const ReportCount = { expected: Type.Integer(), reported: Type.Integer() };
export const UnreportedUnit = Type.Object({ unit: UnitName, ...ReportCount });
export type UnreportedUnit = Static<typeof UnreportedUnit>;

const listOf = <T extends TSchema>(item: T) => Type.Object({ total: Type.Integer(), items: Type.Array(item) });

export const Attention = Type.Object({
  unit: UnitName,
  period: Type.String(),
  source: Type.Union([Type.Literal('live'), Type.Literal('published')]),
  drops: listOf(UnitDrop),
  /** Tasks are for signed-in readers only: null for the public. */
  tasks: Type.Union([Type.Null(), Type.Object({ overdue: listOf(OverdueTask), dueSoon: listOf(DueSoonTask) })]),
  shortfalls: listOf(Shortfall),
  /**
   * Reporting completeness ("chưa báo cáo"), for accounts only (null for the public): values owed and reported for
   * the month by the unit and those beneath it, and the units furthest from done — provinces nationally (with their
   * communes), a province's communes. Decision 0030 says what is owed and by when.
   */
  reporting: Type.Union([Type.Null(), Type.Object({ ...ReportCount, units: Type.Integer(), unitsComplete: Type.Integer(), lagging: listOf(UnreportedUnit) })]),
});
export type Attention = Static<typeof Attention>;
