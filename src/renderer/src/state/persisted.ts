import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';

const prefix = 'ferry.';

/** Reads a value this console saved before (localStorage); anything unreadable counts as absent. */
export function readPersisted<T>(key: string, valid: (value: unknown) => value is T): T | undefined {
  try {
    const raw = localStorage.getItem(prefix + key);
    const value: unknown = raw === null ? undefined : JSON.parse(raw);
    return valid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writePersisted(key: string, value: unknown): void {
  try {
    localStorage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // A full or disabled storage only costs the convenience of finding things as they were.
  }
}

/**
 * useState that survives a reload: the view, selection and tree expansion an admin left. Written
 * once a change is committed, not where it is set: a setter called while rendering (the VM list
 * opened on a tag) must not touch storage from a render React may discard.
 */
export function usePersistedState<T>(key: string, initial: T, valid: (value: unknown) => value is T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => readPersisted(key, valid) ?? initial);
  const stored = useRef(value);
  useEffect(() => {
    if (stored.current === value) return;
    stored.current = value;
    writePersisted(key, value);
  }, [key, value]);
  return [value, setValue];
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
/** A grid's column choice as stored: field → shown. */
export const isBooleanRecord = (value: unknown): value is Record<string, boolean> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'boolean');
export const oneOf =
  <T extends string>(...options: T[]) =>
  (value: unknown): value is T =>
    options.includes(value as T);
