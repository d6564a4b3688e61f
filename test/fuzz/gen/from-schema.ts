import fc from 'fast-check';
import { hostileValue } from './hostile';

/** The part of JSON Schema that z.toJSONSchema emits for the contract's requests. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Live lists of what exists (VM ids, schedule ids...), read when a value is generated, so created things get used. */
export type Pools = Map<string, string[]>;

/** Which pool a field draws from, by its name in the contract (an id of what, or a value libvirt must accept). */
const poolOfField: Record<string, string> = {
  vmId: 'vm',
  vmIds: 'vm',
  hostId: 'host',
  destHostId: 'host',
  clusterId: 'cluster',
  destDatastoreId: 'datastore',
  taskId: 'task',
  connectionId: 'connection',
  driverId: 'driver',
  ruleId: 'faultRule',
  id: 'schedule',
  ids: 'recommendation',
  uri: 'uri',
  migrationUri: 'uri',
  cron: 'cron',
  timezone: 'timezone',
  model: 'cpuModel',
};

const fromPool = (pools: Pools, name: string, fallback: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(fc.nat(9), fc.nat(), fallback).map(([dice, i, other]) => {
    const pool = pools.get(name) ?? [];
    return dice === 0 || pool.length === 0 ? other : (pool[i % pool.length] as string);
  });

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 64, 256);
  if (schema.format === 'date-time')
    return fc
      .date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (schema.pattern)
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .map((s) => s.slice(0, maxLength))
      .filter((s) => s.length >= minLength && new RegExp(schema.pattern as string).test(s));
  return fc.string({
    minLength,
    maxLength,
    unit: fc.oneof(fc.constantFrom('a', 'Z', '0', '-', ' ', '.'), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })),
  });
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum ?? schema.exclusiveMaximum;
  if (integer)
    return fc.integer({
      min: min === undefined ? -1e9 : Math.ceil(min + (schema.exclusiveMinimum !== undefined ? 1 : 0)),
      max: max === undefined ? 1e9 : Math.floor(max - (schema.exclusiveMaximum !== undefined ? 1 : 0)),
    });
  return fc.double({
    min: min ?? -1e12,
    max: max ?? 1e12,
    minExcluded: schema.exclusiveMinimum !== undefined,
    maxExcluded: schema.exclusiveMaximum !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/**
 * Values a schema accepts (as far as JSON Schema says: refinements are the handlers' to refuse), with
 * ids drawn from what exists, so generated requests get past validation into the handlers.
 */
export function arbitraryFor(schema: JsonSchema, pools: Pools, field = ''): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((s) => arbitraryFor(s, pools, field)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const pool = poolOfField[field];
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arbitraryFor(s, pools, key)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array':
      return fc.array(arbitraryFor(schema.items ?? {}, pools, field), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 8, 8),
      });
    case 'string':
      return pool ? fromPool(pools, pool, stringFor(schema)) : stringFor(schema);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return hostileValue;
  }
}
