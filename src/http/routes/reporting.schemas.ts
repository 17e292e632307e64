import Type from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const Report = Type.Object({
  value: Type.Number(), source: Nullable(Type.String()), evidence: Nullable(Type.String()), reportedAt: Type.String(),
  unit: Type.String(), by: Nullable(Type.String()),
});

export const DueItemSchema = Type.Object({
  indicator: Type.String(), name: Type.String(), nameEn: Type.String(), measure: Type.String(), measureEn: Nullable(Type.String()),
  periodType: Type.Union([Type.Literal('day'), Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]),
  period: Type.String(), periodLabel: Type.String(),
  deadline: Type.String({ description: 'Hạn báo cáo YYYY-MM-DD (ngày 5 tháng sau kỳ, giờ Việt Nam)' }),
  daysLeft: Type.Integer({ description: 'Số ngày còn lại đến hạn; âm khi đã quá hạn' }),
  status: Type.Union([Type.Literal('reported'), Type.Literal('due'), Type.Literal('overdue')]),
  previous: Type.Object({ period: Type.String(), value: Nullable(Type.Number()) }),
  target: Nullable(Type.Number()),
  valid: Type.Object({ min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()), integer: Type.Optional(Type.Boolean()) }),
  report: Nullable(Report),
});

export const ReportDueSchema = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), kind: Type.String() }),
  month: Type.String(), today: Type.String(), items: Type.Array(DueItemSchema), reported: Type.Integer(),
});

const Tally = Type.Object({ units: Type.Integer(), unitsComplete: Type.Integer(), expected: Type.Integer(), reported: Type.Integer() });

export const Completeness = Type.Object({
  month: Type.String(),
  national: Tally,
  provinces: Type.Array(Type.Object({
    unit: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }),
    own: Tally,
    communes: Tally,
  })),
});

export const StoredEvidenceSchema = Type.Object({ hash: Type.String(), url: Type.String(), fileName: Type.String(), size: Type.Integer(), mime: Type.String() });

const Cell = {
  sheet: Type.Optional(Type.String()), line: Type.Integer(), column: Type.Optional(Type.String()), field: Type.Optional(Type.String()),
};

/** What `POST /api/values/import?dryRun=true` answers: every value the file would write, and the cell it came from. */
export const ImportPreviewSchema = Type.Object({
  dryRun: Type.Literal(true),
  values: Type.Array(Type.Object({
    ...Cell,
    unit: Type.String(), unitName: Type.String(), indicator: Type.String(), indicatorName: Type.String(), measure: Type.String(),
    period: Type.String(), periodLabel: Type.String(), value: Type.Number(), source: Nullable(Type.String()), evidence: Nullable(Type.String()),
  })),
  units: Type.Integer(), indicators: Type.Integer(), periods: Type.Array(Type.String()),
});

/** What a written import answers. */
export const ImportSummarySchema = Type.Object({
  accepted: Type.Integer(), duplicates: Type.Integer(), batchId: Nullable(Type.Integer()), changeId: Nullable(Type.Integer()),
  changedKpis: Type.Integer(), changedScores: Type.Integer(),
});
