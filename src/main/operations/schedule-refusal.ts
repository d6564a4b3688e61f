import { FerryError } from '../../shared/api/errors';
import type { PrecheckResult } from '../../shared/model/precheck';
import type { ScheduleRefusal } from '../../shared/model/schedule';

/**
 * Why the engine refused a scheduled run, with the first check that did: "prechecks block 1 of 1 VMs"
 * alone left the admin to guess that the VM already ran where it was sent (new-user review 17, 2).
 */
export function refusalOf(error: unknown, at: string): ScheduleRefusal {
  const code = error instanceof FerryError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  const checks =
    error instanceof FerryError ? (error.details as { checks?: { results: PrecheckResult[] }[] } | undefined)?.checks : undefined;
  const results = checks?.flatMap((c) => c.results) ?? [];
  const first = results.find((r) => r.severity === 'error') ?? results[0];
  return { at, code, message: first ? `${message}: ${first.message}` : message };
}
