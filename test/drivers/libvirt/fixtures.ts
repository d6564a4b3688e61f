import { readFileSync } from 'node:fs';

/** A fixture file's text (see fixtures/README.md for where each comes from). */
export const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
