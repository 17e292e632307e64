/**
 * A batch's events in columns, packed: ids, times and attributes (stored JSON) each as one text of rows joined by
 * "\n" (none of them can hold a line break), types and units as indexes into the batch's own list of names. It is
 * what crosses from the parser's worker thread and what the insert reads: a handful of strings and typed arrays
 * instead of a quarter of a million small strings, which the main thread would otherwise allocate on arrival and
 * keep, through garbage collections, until the batch is stored.
 */
export interface EventColumns {
  readonly count: number;
  readonly ids: PackedText;
  readonly times: PackedText;
  readonly attributes: PackedText;
  readonly typeIndex: Uint32Array;
  readonly typeNames: readonly string[];
  readonly unitIndex: Uint32Array;
  readonly unitNames: readonly string[];
}

/** Rows joined by "\n"; row i runs from `starts[i]` to one before `starts[i + 1]`. */
export interface PackedText {
  readonly text: string;
  readonly starts: Uint32Array;
}

/** One event of the columns, unpacked (field names as sent; `EventRow` in schema.ts is the stored row). */
export interface EventFields {
  id: string;
  type: string;
  unit: string;
  time: string;
  attributes: string;
}

/**
 * Packs validated rows: ids match the id pattern, times are ISO instants and attributes are `JSON.stringify` output,
 * so none holds a line break (checked by the tests of this file, not here: the check would cost as much as the join).
 */
export function packColumns(rows: { ids: string[]; types: string[]; units: string[]; times: string[]; attributes: string[] }): EventColumns {
  const types = dictionary(rows.types);
  const units = dictionary(rows.units);
  return {
    count: rows.ids.length,
    ids: packText(rows.ids),
    times: packText(rows.times),
    attributes: packText(rows.attributes),
    typeIndex: types.index,
    typeNames: types.names,
    unitIndex: units.index,
    unitNames: units.names,
  };
}

export const textAt = (packed: PackedText, i: number): string => packed.text.slice(packed.starts[i], (packed.starts[i + 1] ?? 0) - 1);
export const idAt = (c: EventColumns, i: number): string => textAt(c.ids, i);
export const typeAt = (c: EventColumns, i: number): string => c.typeNames[c.typeIndex[i] ?? 0] ?? '';
export const unitAt = (c: EventColumns, i: number): string => c.unitNames[c.unitIndex[i] ?? 0] ?? '';

export function rowAt(c: EventColumns, i: number): EventFields {
  return { id: idAt(c, i), type: typeAt(c, i), unit: unitAt(c, i), time: textAt(c.times, i), attributes: textAt(c.attributes, i) };
}

function packText(values: readonly string[]): PackedText {
  const starts = new Uint32Array(values.length + 1);
  let at = 0;
  values.forEach((v, i) => {
    starts[i] = at;
    at += v.length + 1;
  });
  starts[values.length] = at;
  return { text: values.join('\n'), starts };
}

function dictionary(values: readonly string[]): { index: Uint32Array; names: string[] } {
  const codes = new Map<string, number>();
  const names: string[] = [];
  const index = new Uint32Array(values.length);
  values.forEach((v, i) => {
    let code = codes.get(v);
    if (code === undefined) {
      codes.set(v, (code = names.length));
      names.push(v);
    }
    index[i] = code;
  });
  return { index, names };
}
