import { z } from 'zod';
import { ConnectionFailure } from '../../../shared/model/connection-failure';
import { TlsErrorDetails } from '../../../shared/model/tls';

/** What a catch block may hold: a FerryError, a task's error (with its hint), a plain Error, or anything thrown. */
export interface ErrorLike {
  code: string | null;
  message: string;
  details?: unknown;
  hint?: string;
}

export function asErrorLike(error: unknown): ErrorLike {
  if (typeof error !== 'object' || error === null) return { code: null, message: String(error) };
  const { code, message, details, hint } = error as Record<string, unknown>;
  return {
    code: typeof code === 'string' ? code : null,
    message: typeof message === 'string' ? message : String(error),
    ...(details === undefined ? {} : { details }),
    ...(typeof hint === 'string' && hint ? { hint } : {}),
  };
}

// Details are `unknown` in the contract: read them loosely, so a new field or precheck code on main's
// side costs a missing line, never a broken alert.
const Issues = z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) });
const Checks = z.object({
  checks: z.array(z.object({ results: z.array(z.object({ severity: z.string(), message: z.string(), hint: z.string().optional() })) })),
});

/** The router's VALIDATION_FAILED details: which field, and the schema's words. */
export function issuesOf(details: unknown): { path: string; message: string }[] {
  const parsed = Issues.safeParse(details);
  return parsed.success ? parsed.data.issues : [];
}

/** The router's VALIDATION_FAILED details: one line per invalid field. */
export function issuesIn(details: unknown): string[] {
  return issuesOf(details).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

/** The engine's PRECHECK_FAILED and WARNINGS_NOT_ACKNOWLEDGED details: each distinct check once, with its hint. */
export function checksIn(details: unknown, severity: 'error' | 'warning'): string[] {
  const parsed = Checks.safeParse(details);
  if (!parsed.success) return [];
  const lines = parsed.data.checks
    .flatMap((c) => c.results)
    .filter((r) => r.severity === severity)
    .map((r) => (r.hint ? `${r.message} ${r.hint}` : r.message));
  return [...new Set(lines)];
}

/** A TLS_* error's details: which file or what kind of refusal. */
export function tlsDetailsIn(details: unknown): TlsErrorDetails | null {
  const parsed = TlsErrorDetails.safeParse(details);
  return parsed.success ? parsed.data : null;
}

/** A HOST_UNREACHABLE's details when it failed at the socket: why, where, over which transport. */
export function connectionFailureIn(details: unknown): ConnectionFailure | null {
  const parsed = ConnectionFailure.safeParse(details);
  return parsed.success ? parsed.data : null;
}
