import Type, { type Static } from 'typebox';

/** How an indicator's value is found: reported by a unit, counted from events, or computed from other indicators. */
export const IndicatorKind = Type.Union([Type.Literal('reported'), Type.Literal('event'), Type.Literal('formula')]);

/**
 * How values roll up the hierarchy (commune → province → nation):
 * sum; ratio (ratio of sums: a formula a / b evaluated on the rolled-up a and b — never the mean of ratios);
 * weighted_mean (by another indicator's value, e.g. population; equal weights without `weightBy`); latest (newest report).
 */
export const Rollup = Type.Union([Type.Literal('sum'), Type.Literal('ratio'), Type.Literal('weighted_mean'), Type.Literal('latest')]);

export const UnitKindSchema = Type.Union([
  Type.Literal('nation'),
  Type.Literal('ministry'),
  Type.Literal('province'),
  Type.Literal('commune'),
]);

export const EventRule = Type.Object(
  {
    /** Event type, e.g. `dossier.submitted`. */
    type: Type.String({ minLength: 1, maxLength: 128 }),
    /** Every listed attribute must equal the value (or be one of the values, for a list). */
    filter: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()]))]),
      ),
    ),
    aggregate: Type.Union([Type.Literal('count'), Type.Literal('sum'), Type.Literal('distinct')]),
    /** The attribute summed or counted distinct. */
    field: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

/** The type of an event attribute's value; `integer` is a number without a fraction. */
export const AttributeType = Type.Union([Type.Literal('string'), Type.Literal('number'), Type.Literal('integer'), Type.Literal('boolean')]);
export type AttributeType = Static<typeof AttributeType>;

export const AttributeDefinition = Type.Object(
  {
    type: AttributeType,
    /** `string` only: the values allowed, e.g. a channel's `[online, offline]`. */
    values: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { minItems: 1 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type AttributeDefinition = Static<typeof AttributeDefinition>;

/**
 * A kind of event source systems send ("loại sự kiện"), e.g. `dossier.submitted`, and the attributes it declares.
 * Events of a type no indicator reads are accepted only when it is declared; declared attributes must have their type,
 * others are stored as sent.
 */
export const EventTypeDefinition = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_.-]{0,127}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    attributes: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 64 }), AttributeDefinition)),
  },
  { additionalProperties: false },
);
export type EventTypeDefinition = Static<typeof EventTypeDefinition>;

/** Achievement thresholds (percent of target) for the bands Tốt / Khá / Trung bình; below `average` is Yếu. */
export const Bands = Type.Object(
  {
    good: Type.Number({ minimum: 0, maximum: 1000 }),
    fair: Type.Number({ minimum: 0, maximum: 1000 }),
    average: Type.Number({ minimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);

/**
 * The values an indicator can take: a reported value or a target outside is refused (never clamped). Declared for
 * every reported indicator; an open side is left out (`{ min: 0 }` for a count).
 */
export const ValidRange = Type.Object(
  {
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    /** Whole numbers only: people, dossiers, ranks. */
    integer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ValidRange = Static<typeof ValidRange>;

export const IndicatorDefinition = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    kind: IndicatorKind,
    /** Measure unit as shown: `%`, `hồ sơ`, `tỷ đồng`, `người`… */
    measure: Type.String({ minLength: 1, maxLength: 40 }),
    measureEn: Type.Optional(Type.String({ maxLength: 40 })),
    periodType: Type.Union([Type.Literal('day'), Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]),
    direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
    rollup: Rollup,
    /** With `weighted_mean` only: the indicator whose children's values weigh the mean; same or coarser period type. */
    weightBy: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' })),
    pillar: Type.String({ minLength: 1, maxLength: 64 }),
    /** Weight inside its pillar; 0 keeps the indicator out of the index (monitoring only). */
    weight: Type.Number({ minimum: 0, maximum: 100 }),
    /** Groups in the other frameworks, e.g. { "5co": "du_lieu", "3dotpha": "ha_tang" }. */
    groups: Type.Optional(Type.Record(Type.String(), Type.String())),
    /** Unit kinds this indicator applies to (is reported, scored and ranked for). */
    appliesTo: Type.Array(UnitKindSchema, { minItems: 1 }),
    /** Default target for every unit and period, unless a unit-specific target is set. */
    target: Type.Optional(Type.Number()),
    /** Required for kind `reported`; for the others it bounds targets (a derived value is shown as computed). */
    valid: Type.Optional(ValidRange),
    bands: Type.Optional(Bands),
    /** Kind `event` only; event indicators roll up by `sum` (they are counted at every level directly). */
    event: Type.Optional(EventRule),
    /**
     * Kind `formula` only: numbers, indicator codes, + - * / and parentheses. Inputs roll up by `sum` and are read at
     * the same unit and period, or at the enclosing period when coarser. A quotient rolls up as `ratio`, else `sum`.
     */
    formula: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** Written by the system, never reported by hand: `tasks` — computed from the task register. */
    computedBy: Type.Optional(Type.Literal('tasks')),
    /**
     * A unit with no value: by default it is "chưa báo cáo" — left out of the score and lowering its coverage
     * (decision 0028); `zero` scores 0 (silence means none); `skip` leaves it out of the index and the coverage.
     */
    whenMissing: Type.Optional(Type.Union([Type.Literal('zero'), Type.Literal('skip')])),
    /** Where the definition or its national figure comes from (e.g. a seed article). */
    source: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type IndicatorDefinition = Static<typeof IndicatorDefinition>;

export const PillarDefinition = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    weight: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type PillarDefinition = Static<typeof PillarDefinition>;

/** Another way to group indicators ("5 có", "3 đột phá", "5 tiên phong"), for views; the index uses pillars. */
export const FrameworkDefinition = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9][a-z0-9_]{0,63}$' }),
    name: Type.String({ minLength: 1 }),
    nameEn: Type.String({ minLength: 1 }),
    groups: Type.Array(
      Type.Object({ code: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }), nameEn: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type FrameworkDefinition = Static<typeof FrameworkDefinition>;

export const CatalogueDefinition = Type.Object(
  {
    pillars: Type.Array(PillarDefinition, { minItems: 1 }),
    frameworks: Type.Optional(Type.Array(FrameworkDefinition)),
    /** Without it, the types and attributes the indicators read are the known ones (see event-types.ts). */
    eventTypes: Type.Optional(Type.Array(EventTypeDefinition)),
    indicators: Type.Array(IndicatorDefinition, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type CatalogueDefinition = Static<typeof CatalogueDefinition>;

export const DEFAULT_BANDS = { good: 90, fair: 75, average: 50 } as const;
