import fc from 'fast-check';

/** Strings that have broken parsers, databases, hashes and spreadsheets somewhere. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDC00y',
    '\uDBFF\uDBFF',
    '\uFEFF',
    '\u202Eevil',
    'e\u0301',
    '👨‍👩‍👧‍👦',
    '=cmd|/C calc!A0',
    'web01;=1+1',
    '\t@SUM(1)',
    '../../../../etc/passwd',
    '%E0%A4%A',
    '${jndi:ldap://x}',
    "'; DROP TABLE audit; --",
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '\r\nX-Injected: 1',
    '*/5 * * * *',
    'Europe/Atlantis',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    'qemu+ssh://root:pw@127.0.0.1:1/system',
    'qemu:///system?socket=/dev/null',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Lone and reversed surrogates anywhere in a string.
  fc.array(fc.integer({ min: 0xd700, max: 0xe000 }), { minLength: 1, maxLength: 6 }).map((codes) => String.fromCharCode(...codes)),
  fc.constantFrom(100, 101, 200, 201, 500, 501, 64 * 1024).map((n) => 'x'.repeat(n)),
);

/** Numbers at the edges of every range a schema or a SQLite column might have. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1e-300, 1e308, -1e308),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, 2 ** 31, 2 ** 32, 2 ** 63, Number.EPSILON),
  fc.double(),
  fc.integer(),
);

/** Keys that reach prototypes or shadow methods when code copies objects carelessly. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length', '', '0'),
  hostileString,
);

/** An object with the given own entries, `__proto__` included as a plain own key (as JSON.parse makes it). */
export function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const deep = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
};

/** Any value a renderer (or anything pretending to be one) could send: JSON and beyond it (structured clone). */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.constantFrom(null, undefined, true, false, [], {}),
    fc.constantFrom(0, 10, 1000, 5000).chain((depth) => fc.boolean().map((asArray) => deep(depth, 'x', asArray))),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 }).map(ownObject),
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(new Date(0), new Date(NaN), new Map([['a', 1]]), new Set([1]), new Uint8Array(4), 10n, /x/),
  ),
})).value;

/** Values that JSON can carry: what reaches the browser shell's WebSocket. */
export const asJson = (value: unknown): unknown => {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
};
