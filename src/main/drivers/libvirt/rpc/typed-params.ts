// libvirt typed parameters (virTypedParameter), as `remote_typed_param` in remote_protocol.x:
//   struct remote_typed_param { remote_nonnull_string field; remote_typed_param_value value; };
//   union remote_typed_param_value switch (int type) { case VIR_TYPED_PARAM_INT: int i; ... };
// Migration settings go out as typed params and job statistics come back as typed params.

import { XdrError, type XdrReader, type XdrWriter } from './xdr';
import { assertNever } from '../../../base/assert-never';

/** virTypedParameterType numbers (libvirt-common.h). */
const TypedParamType = {
  INT: 1,
  UINT: 2,
  LLONG: 3,
  ULLONG: 4,
  DOUBLE: 5,
  BOOLEAN: 6,
  STRING: 7,
} as const;

export type TypedParamValue =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'uint'; readonly value: number }
  | { readonly type: 'llong'; readonly value: bigint }
  | { readonly type: 'ullong'; readonly value: bigint }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string };

export interface TypedParam {
  readonly field: string;
  readonly value: TypedParamValue;
}

/** VIR_TYPED_PARAM_FIELD_LENGTH: libvirt rejects longer field names. */
const TYPED_PARAM_FIELD_LENGTH = 80;
const STRING_MAX = 4_194_304; // REMOTE_STRING_MAX

/** Constructors so call sites read like the libvirt docs ("as VIR_TYPED_PARAM_ULLONG"). */
export const typedParam = {
  int: (field: string, value: number): TypedParam => ({ field, value: { type: 'int', value } }),
  uint: (field: string, value: number): TypedParam => ({ field, value: { type: 'uint', value } }),
  llong: (field: string, value: number | bigint): TypedParam => ({
    field,
    value: { type: 'llong', value: BigInt(value) },
  }),
  ullong: (field: string, value: number | bigint): TypedParam => ({
    field,
    value: { type: 'ullong', value: BigInt(value) },
  }),
  double: (field: string, value: number): TypedParam => ({ field, value: { type: 'double', value } }),
  boolean: (field: string, value: boolean): TypedParam => ({ field, value: { type: 'boolean', value } }),
  string: (field: string, value: string): TypedParam => ({ field, value: { type: 'string', value } }),
};

export function writeTypedParam(w: XdrWriter, param: TypedParam): void {
  if (Buffer.byteLength(param.field) >= TYPED_PARAM_FIELD_LENGTH) {
    throw new XdrError(`typed param field name too long: ${param.field}`);
  }
  w.string(param.field, STRING_MAX);
  const v = param.value;
  switch (v.type) {
    case 'int':
      w.union(TypedParamType.INT, (x) => x.int(v.value));
      return;
    case 'uint':
      w.union(TypedParamType.UINT, (x) => x.uint(v.value));
      return;
    case 'llong':
      w.union(TypedParamType.LLONG, (x) => x.hyper(v.value));
      return;
    case 'ullong':
      w.union(TypedParamType.ULLONG, (x) => x.uhyper(v.value));
      return;
    case 'double':
      w.union(TypedParamType.DOUBLE, (x) => x.double(v.value));
      return;
    case 'boolean':
      // The wire arm is `int b`, not an XDR bool.
      w.union(TypedParamType.BOOLEAN, (x) => x.int(v.value ? 1 : 0));
      return;
    case 'string':
      w.union(TypedParamType.STRING, (x) => x.string(v.value, STRING_MAX));
      return;
    default:
      return assertNever(v);
  }
}

const valueArms: Readonly<Record<number, (r: XdrReader) => TypedParamValue>> = {
  [TypedParamType.INT]: (r) => ({ type: 'int', value: r.int() }),
  [TypedParamType.UINT]: (r) => ({ type: 'uint', value: r.uint() }),
  [TypedParamType.LLONG]: (r) => ({ type: 'llong', value: r.hyper() }),
  [TypedParamType.ULLONG]: (r) => ({ type: 'ullong', value: r.uhyper() }),
  [TypedParamType.DOUBLE]: (r) => ({ type: 'double', value: r.double() }),
  [TypedParamType.BOOLEAN]: (r) => ({ type: 'boolean', value: r.int() !== 0 }),
  [TypedParamType.STRING]: (r) => ({ type: 'string', value: r.string(STRING_MAX) }),
};

export function readTypedParam(r: XdrReader): TypedParam {
  const field = r.string(STRING_MAX);
  return { field, value: r.union(valueArms) };
}

export function writeTypedParams(w: XdrWriter, params: readonly TypedParam[], max: number): void {
  w.array(params, writeTypedParam, max);
}

export function readTypedParams(r: XdrReader, max: number): TypedParam[] {
  return r.array(readTypedParam, max);
}

/** Numeric view of a param (any integer or double arm); undefined for bool and string. */
export function typedParamNumber(value: TypedParamValue): number | bigint | undefined {
  switch (value.type) {
    case 'int':
    case 'uint':
    case 'double':
    case 'llong':
    case 'ullong':
      return value.value;
    case 'boolean':
    case 'string':
      return undefined;
    default:
      return assertNever(value);
  }
}
