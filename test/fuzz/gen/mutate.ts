import fc from 'fast-check';
import { hostileKey, hostileNumber, hostileString, hostileValue, ownObject } from './hostile';

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'same-type'; at: number; text: string; number: number; many: number }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  // Same type, hostile content: these pass the schema more often and reach the handlers.
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('same-type' as const),
      at: fc.nat(),
      text: hostileString,
      number: hostileNumber,
      many: fc.nat(600),
    }),
  },
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: hostileKey, value: hostileValue }),
);

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);

// Mutations reach this deep; below it a generated deep nest is shared, not walked (it would overflow the stack).
const maxDepth = 24;

/** A deep copy that keeps own `__proto__` keys as own keys. */
const clone = (value: unknown, depth = 0): unknown =>
  depth > maxDepth
    ? value
    : Array.isArray(value)
      ? value.map((v) => clone(v, depth + 1))
      : isContainer(value)
        ? ownObject(Object.entries(value).map(([k, v]) => [k, clone(v, depth + 1)]))
        : value;

/** Every place in a value: its parent and key (the root has none). */
function places(root: unknown): { parent: Record<string, unknown> | unknown[] | null; key: string | number; value: unknown }[] {
  const found: { parent: Record<string, unknown> | unknown[] | null; key: string | number; value: unknown }[] = [
    { parent: null, key: '', value: root },
  ];
  const walk = (value: unknown, depth: number): void => {
    if (!isContainer(value) || depth > maxDepth) return;
    for (const [key, child] of Object.entries(value)) {
      found.push({ parent: value, key: Array.isArray(value) ? Number(key) : key, value: child });
      walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return found;
}

function sameType(value: unknown, m: Extract<Mutation, { kind: 'same-type' }>): unknown {
  if (typeof value === 'string') return m.text;
  if (typeof value === 'number') return m.number;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return value.length === 0 ? [] : Array.from({ length: m.many }, (_, i) => value[i % value.length]);
  return value === null ? m.text : m.number;
}

function apply(root: unknown, m: Mutation): unknown {
  const all = places(root);
  const place = all[m.at % all.length] as (typeof all)[number];
  const put = (next: unknown): unknown => {
    if (place.parent === null) return next;
    Object.defineProperty(place.parent, place.key, { value: next, enumerable: true, writable: true, configurable: true });
    return root;
  };
  switch (m.kind) {
    case 'replace':
      // A copy: the generators hand the same value out again, and a later mutation writes into it.
      return put(clone(m.value));
    case 'same-type':
      return put(sameType(place.value, m));
    case 'delete':
      if (place.parent === null) return undefined;
      if (Array.isArray(place.parent)) place.parent.splice(Number(place.key), 1);
      else delete place.parent[place.key];
      return root;
    case 'add-key':
      if (!isContainer(place.value) || Array.isArray(place.value)) return put(ownObject([[m.key, clone(m.value)]]));
      Object.defineProperty(place.value, m.key, { value: clone(m.value), enumerable: true, writable: true, configurable: true });
      return root;
  }
}

/** A valid request with one to three things wrong with it. */
export const mutationOf = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([value, mutations]) => mutations.reduce(apply, clone(value)));
