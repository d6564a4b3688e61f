import type { z } from 'zod';

// Ferry stores text as UTF-8 (SQLite, JSON files, the sealed logins) and hashes it into the audit
// chain. Every well-formed UTF-16 string survives that unchanged; a lone surrogate (half of a
// character outside the BMP) has no UTF-8 form and comes back as U+FFFD, so it is the one thing
// that must be refused at the door, or made well-formed before it is hashed.

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');

export const hasLoneSurrogate = (text: string): boolean => loneSurrogate.test(text);

/** The text as UTF-8 will keep it: each lone surrogate replaced by U+FFFD, everything else as it is. */
export const wellFormed = (text: string): string => text.replace(loneSurrogates, '\ufffd');

export const notStorableMessage = 'contains half a character (a lone UTF-16 surrogate), which cannot be stored as typed: retype it';

/**
 * Text a person gives Ferry to keep (names, paths, logins): any script and emoji, but no lone
 * surrogate. Refining the schema given keeps its other limits: `storable(z.string().min(1).max(120))`.
 */
export const storable = <T extends z.ZodString>(schema: T): T => schema.refine((text) => !hasLoneSurrogate(text), notStorableMessage);
