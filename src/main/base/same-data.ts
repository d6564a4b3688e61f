// Equality of the plain data drivers report (objects, arrays, strings, numbers, booleans, null),
// compared in place: discovery compares every VM with what it knew, 40,000 of them every 30 s on the
// large preset, and serialising both sides to compare them was most of the console's idle CPU.

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null;

/**
 * True when `a` and `b` hold the same data, as JSON would see it: key order does not matter and a key
 * whose value is undefined counts as absent. `ignoring` names top-level keys left out (live metrics).
 */
export function sameData(a: unknown, b: unknown, ignoring?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  let keysOfA = 0;
  for (const key in a) {
    if (a[key] === undefined || ignoring?.has(key)) continue;
    keysOfA++;
    if (!sameData(a[key], b[key])) return false;
  }
  let keysOfB = 0;
  for (const key in b) if (b[key] !== undefined && !ignoring?.has(key)) keysOfB++;
  return keysOfA === keysOfB;
}
