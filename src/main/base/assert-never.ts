/** Makes a switch over a closed union exhaustive: a new member is a compile error here. */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
